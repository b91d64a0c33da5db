using BridgeEngine.Features.Files;
using BridgeEngine.Features.History;
using BridgeEngine.Features.Quota;
using BridgeEngine.Features.Research;
using BridgeEngine.Parsing;

namespace BridgeEngine.Tests.Features;

/// <summary>The [LEE] sanitized samples that belong to the account-feature RPCs, through the feature parsers.</summary>
public sealed class LeechaelFixtureTests
{
    [Fact]
    public async Task ListChats_Fixture_ParsesCursorAndChats()
    {
        using var payload = await WireFixtures.PayloadAsync("leechael-list_chats_basic.txt", "MaZiqc");

        var page = ChatHistoryParser.ParseList(payload.RootElement);

        Assert.Equal("next_cursor", page.NextCursor);
        Assert.Equal(2, page.Conversations.Count);
        Assert.Equal("c_000000000000001", page.Conversations[0].Id);
        Assert.Equal("Sample chat title", page.Conversations[0].Title);
        Assert.False(page.Conversations[0].Pinned);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), page.Conversations[0].UpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000100), page.Conversations[1].UpdatedAt);
    }

    [Fact]
    public async Task ReadChat_Fixture_ParsesTurnsOldestFirst()
    {
        using var payload = await WireFixtures.PayloadAsync("leechael-read_chat_basic.txt", "hNvQHb");

        var turns = ChatHistoryParser.ParseRead(payload.RootElement);

        Assert.Equal(2, turns.Count);
        Assert.Equal("Sample user prompt", turns[0].Prompt);
        Assert.Equal("Sample assistant response.", turns[0].Text);
        Assert.Equal("r_000000000000001", turns[0].ResponseId);
        Assert.Equal("rcid_000000000000001", turns[0].ChoiceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), turns[0].CreatedAt);
        Assert.Equal("Second sample user prompt", turns[1].Prompt);
        Assert.Equal("c_000000000000001", turns[1].Conversation.ConversationId);
        Assert.Equal("r_000000000000002", turns[1].Conversation.ResponseId);
        // The sample carries no c[8] completion marker (§11.2 heuristic).
        Assert.Equal(TurnStatus.Unmarked, turns[1].Status);
    }

    [Fact]
    public async Task UploadLimits_Fixture_ParsesRawValues()
    {
        using var payload = await WireFixtures.PayloadAsync("leechael-get_upload_limits_basic.txt", "mhs1xe");

        Assert.Equal([500L, 300L, 500000L], UploadLimitsParser.Parse(payload.RootElement));
    }

    [Fact]
    public async Task ResearchListReports_Fixture_ParsesReportsAndCursor()
    {
        using var payload = await WireFixtures.PayloadAsync("leechael-research_list_reports_basic.txt", "jGArJ");

        var (reports, cursor) = ResearchLibraryParser.Parse(payload.RootElement);

        Assert.Equal("sample_cursor", cursor);
        Assert.Equal(2, reports.Count);
        Assert.Equal("c_000000000000001", reports[0].ConversationId);
        Assert.Equal("r_000000000000001", reports[0].ResponseId);
        Assert.Equal("rc_000000000000001", reports[0].ChoiceId);
        Assert.Equal("Sample research report title", reports[0].Title);
        Assert.Equal("Sample report content snippet.", reports[0].Snippet);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000001), reports[1].CreatedAt);
    }

    [Fact]
    public async Task UserStatus_Fixture_ParsesTierFromFlags()
    {
        using var payload = await WireFixtures.PayloadAsync("leechael-get_user_status_basic.txt", "otAQ7b");

        var (status, models) = AccountStatusParser.Parse(payload.RootElement);

        Assert.Equal(1000, status);
        Assert.Single(models);
        // [16] = [], [17] = [19]: capability 19 without 106 → capacity 2 (§9.3).
        Assert.Equal(AccountTier.Advanced, QuotaParser.ParseTier(payload.RootElement));
    }
}
