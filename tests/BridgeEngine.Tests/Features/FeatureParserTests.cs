using System.Text.Json;
using BridgeEngine.Features.Gems;
using BridgeEngine.Features.Quota;
using BridgeEngine.Features.Research;

namespace BridgeEngine.Tests.Features;

/// <summary>Synthetic shapes from the protocol document (§10, §12, §14) through the feature parsers and payload builders.</summary>
public sealed class FeatureParserTests
{
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public void GemList_DocumentExample_ParsesNameDescriptionAndPrompt()
    {
        var system = GemParser.ParseList(Parse("""[null,null,[["coding-partner",["Coding partner","Helps with code"],null]]]"""), GemKind.System);
        var custom = GemParser.ParseList(Parse("""[null,null,[["fakegem0001",["My tutor","desc"],["You are a tutor."]]]]"""), GemKind.Custom);

        Assert.Equal(new Gem("coding-partner", GemKind.System, "Coding partner", "Helps with code", null), Assert.Single(system));
        Assert.Equal("You are a tutor.", Assert.Single(custom).Instructions);
    }

    [Fact]
    public void GemPayloads_MatchTheDocumentedSlots()
    {
        Assert.Equal("""[3,["en"],0]""", GemPayloads.List(GemPayloads.SystemKind, "en"));
        Assert.Equal("""[["n","d","p",null,null,null,null,null,0,null,1,null,null,null,[]]]""", GemPayloads.Create(new GemDraft("n", "d", "p")));
        Assert.Equal("""["g1",["n","d","p",null,null,null,null,null,0,null,1,null,null,null,[],0]]""", GemPayloads.Update("g1", new GemDraft("n", "d", "p")));
    }

    [Fact]
    public void Quota_LeeShapes_ParseItemsAndCaps()
    {
        var items = QuotaParser.ParseModelQuota(Parse("""[[[[1,11],null,40,[1767225600],10,6],[[1,4],null,0,[1767225600],0,0]]]"""));
        var caps = QuotaParser.ParseCaps(Parse("[false,0.4,[1767225600]]"));

        Assert.Equal(2, items.Count);
        Assert.Equal(new ModelQuota("1,11", "flash", 40, 10, 6, false, false, DateTimeOffset.FromUnixTimeSeconds(1767225600)), items[0]);
        Assert.True(items[1].Unlimited);
        Assert.Null(items[1].Limit);
        Assert.Equal(new UsageCaps(false, 0.4, DateTimeOffset.FromUnixTimeSeconds(1767225600)), caps);
    }

    [Fact]
    public void Quota_GarbageShapes_GiveUnknownNotExceptions()
    {
        Assert.Empty(QuotaParser.ParseModelQuota(Parse("""{"a":1}""")));
        Assert.Equal(new UsageCaps(null, null, null), QuotaParser.ParseCaps(Parse("""["yes",7,"soon"]""")));
        Assert.Null(QuotaParser.ParseTier(Parse("[]")));
    }

    [Theory]
    [InlineData("[[21],[]]", AccountTier.Free)]
    [InlineData("[[22],[]]", AccountTier.Advanced)]
    [InlineData("[[],[115]]", AccountTier.Plus)]
    [InlineData("[[16],[]]", AccountTier.Pro)]
    [InlineData("[[],[19,106]]", AccountTier.Pro)]
    [InlineData("[[8],[]]", AccountTier.Advanced)]
    [InlineData("[[],[]]", AccountTier.Free)]
    public void Tier_Flags_FollowSection93(string flags, AccountTier expected)
    {
        var root = Parse("[" + string.Join(",", Enumerable.Repeat("null", 16)) + "," + flags[1..^1] + "]");

        Assert.Equal(expected, QuotaParser.ParseTier(root));
    }

    [Fact]
    public void Research_PlanCandidate_FindsPlanAndUuid()
    {
        var candidate = Parse("""
            ["rc_1",["Here is a plan"],null,null,null,null,null,null,[2],null,null,null,
             [{"57":["Lighthouses",[[1,"Research websites","(1) Find sources"],[2,"Analyze","(2) Compare"]],"Ready in a few mins",["Start research"],["https://x/app/c_1"],"Edit the research plan","0f8fad5b-d9cb-469f-a165-70867728950e"],"70":2}]]
            """);

        var plan = ResearchParser.FindPlan(candidate);

        Assert.NotNull(plan);
        Assert.Equal("Lighthouses", plan!.Title);
        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal("(1) Find sources", plan.Query);
        Assert.Equal("Start research", plan.ConfirmPrompt);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", ResearchParser.FindResearchId(candidate));
    }

    [Theory]
    [InlineData("""["c_1",["deep_research_confirmation_content",null,null,["c_1"],["T","Q"],"id",{"70":2}],"r_1"]""", ResearchState.AwaitingConfirmation)]
    [InlineData("""["c_1",["deep_research_running",null,null,["c_1"],["T","Q"],"id",{"70":3}],"r_1"]""", ResearchState.Running)]
    [InlineData("""["c_1",["immersive_entry_chip",null,null,["c_1"],["T","Q"],"id",{"70":4}],"r_1"]""", ResearchState.Completed)]
    [InlineData("""["c_1","some prompt","r_1"]""", ResearchState.Running)]
    public void Research_StatusMarkers_MapToStates(string json, ResearchState expected)
    {
        var status = ResearchParser.ParseStatus(Parse(json), "id");

        Assert.NotNull(status);
        Assert.Equal(expected, status!.State);
        Assert.Equal("c_1", status.ConversationId);
    }

    [Fact]
    public void Research_EmptyStatus_IsUnknown() => Assert.Null(ResearchParser.ParseStatus(Parse("[]"), "id"));

    [Theory]
    [InlineData("""[[null,[[null,null,null,[[null,"https://a",  "A"],1]],[null,null,null,[[null,"https://b","B"],2]]]]]""")]
    [InlineData("""[[[null,null,null,[[null,"https://a","A"],1]],[null,null,null,[[null,"https://b","B"],2]]]]""")]
    public void Research_CitationGroups_BothShapesParse(string groups)
    {
        var candidate = Parse("[" + string.Join(",", Enumerable.Repeat("null", 30)) + ",[[null,null,null,null,\"report\",[{\"44\":" + groups + "}]]]]");

        var citations = ResearchCitationParser.Parse(candidate);

        Assert.Equal(2, citations.Count);
        Assert.Equal("https://a", citations[0].Url);
        Assert.Equal("A", citations[0].Title);
        Assert.Equal(2, citations[1].Number);
    }
}
