using System.Globalization;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class ConversationsEndpointsTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public ConversationsEndpointsTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    [Fact]
    public async Task Conversations_AfterTwoChats_ListsBothWithTitlesAndIsoTimes()
    {
        var psid = Psid.New();
        var first = await FeatureCalls.ChatAsync(Client, psid, "Tell me about otters");
        var second = await FeatureCalls.ChatAsync(Client, psid, "Tell me about badgers");

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations", psid);

        var data = Envelope.AssertSuccess(response, body);
        var items = data.GetProperty("conversations").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var ids = items.Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(first.GetProperty("conversationId").GetString(), ids);
        Assert.Contains(second.GetProperty("conversationId").GetString(), ids);
        Assert.Contains(items, i => i.GetProperty("title").GetString()!.Contains("otters", StringComparison.Ordinal));
        Assert.All(items, i =>
        {
            Assert.False(i.GetProperty("pinned").GetBoolean());
            var updated = i.GetProperty("updatedAt").GetString()!;
            Assert.True(DateTimeOffset.TryParse(updated, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), updated);
        });
        Assert.Equal(JsonValueKind.Null, data.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Conversations_PageSizeOne_PagesWithCursor()
    {
        var psid = Psid.New();
        await FeatureCalls.ChatAsync(Client, psid, "first chat");
        await FeatureCalls.ChatAsync(Client, psid, "second chat");

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations?pageSize=1", psid);
        var page1 = Envelope.AssertSuccess(response, body);
        var cursor = page1.GetProperty("nextCursor").GetString();
        Assert.False(string.IsNullOrEmpty(cursor));
        var (response2, body2) = await FeatureCalls.GetAsync(Client, "api/conversations?pageSize=1&cursor=" + Uri.EscapeDataString(cursor!), psid);
        var page2 = Envelope.AssertSuccess(response2, body2);

        var id1 = Assert.Single(page1.GetProperty("conversations").EnumerateArray()).GetProperty("id").GetString();
        var id2 = Assert.Single(page2.GetProperty("conversations").EnumerateArray()).GetProperty("id").GetString();
        Assert.NotEqual(id1, id2);
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("pageSize=abc")]
    public async Task Conversations_BadPageSize_ReturnsInvalidBodyNamingIt(string query)
    {
        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations?" + query, Psid.New());

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("pageSize", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_Read_ReturnsTurnsOldestFirstWithClassifiedOutputAndContinuationIds()
    {
        var psid = Psid.New();
        var first = await FeatureCalls.ChatAsync(Client, psid, "Please draw a lighthouse");
        await FeatureCalls.ChatAsync(Client, psid, "And now a poem", first);
        var cid = first.GetProperty("conversationId").GetString()!;

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations/" + cid, psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal("oldest_first", data.GetProperty("order").GetString());
        var turns = data.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(2, turns.Count);
        Assert.Equal("Please draw a lighthouse", turns[0].GetProperty("prompt").GetString());
        Assert.Equal("And now a poem", turns[1].GetProperty("prompt").GetString());
        Assert.Equal("complete", turns[0].GetProperty("status").GetString());
        Assert.Contains("Simulated answer", turns[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("image_generation_content", turns[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, turns[0].GetProperty("images").GetArrayLength());
        Assert.Equal(first.GetProperty("responseId").GetString(), turns[0].GetProperty("responseId").GetString());
        var reference = turns[0].GetProperty("conversation");
        Assert.Equal(cid, reference.GetProperty("conversationId").GetString());
        Assert.Equal(first.GetProperty("choiceId").GetString(), reference.GetProperty("choiceId").GetString());
    }

    [Fact]
    public async Task Conversation_ContinueFromEarlierTurn_UsesThatTurnsIds()
    {
        var psid = Psid.New();
        var first = await FeatureCalls.ChatAsync(Client, psid, "Start a story");
        await FeatureCalls.ChatAsync(Client, psid, "Continue it", first);
        var (_, body) = await FeatureCalls.GetAsync(Client, "api/conversations/" + first.GetProperty("conversationId").GetString(), psid);
        var earliest = body.GetProperty("data").GetProperty("turns")[0].GetProperty("conversation");

        var next = await FeatureCalls.ChatAsync(Client, psid, "Branch from the start", earliest);

        Assert.Equal(first.GetProperty("conversationId").GetString(), next.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task Conversation_UnknownId_ReturnsNotFound()
    {
        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations/c_0000000000000000", Psid.New());

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
        Assert.Contains("c_0000000000000000", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_Delete_RemovesItFromListAndRead()
    {
        var psid = Psid.New();
        var chat = await FeatureCalls.ChatAsync(Client, psid, "Delete me later");
        var cid = chat.GetProperty("conversationId").GetString()!;

        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/conversations/" + cid, psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.True(data.GetProperty("deleted").GetBoolean());
        var (readResponse, readBody) = await FeatureCalls.GetAsync(Client, "api/conversations/" + cid, psid);
        Envelope.AssertFailure(readResponse, readBody, 404, "NOT_FOUND");
        var (_, listBody) = await FeatureCalls.GetAsync(Client, "api/conversations", psid);
        Assert.Empty(listBody.GetProperty("data").GetProperty("conversations").EnumerateArray());
        var hash = _fixture.Sim.Account(psid).PsidHash;
        var rpcs = _fixture.Sim.Requests.Where(r => r.PsidHash == hash && r.RpcIds is not null).Select(r => r.RpcIds!).ToList();
        Assert.Contains("GzXR5e", rpcs);
        Assert.Contains("qWymEb", rpcs);
    }

    [Fact]
    public async Task Conversation_ContinuedAfterDelete_SaysItWasDeleted_NotOnlyTheErrorNumber()
    {
        var psid = Psid.New();
        var chat = await FeatureCalls.ChatAsync(Client, psid, "Delete me, then continue");
        await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/conversations/" + chat.GetProperty("conversationId").GetString(), psid);

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, $$"""{"prompt":"still there?","conversation":{{chat.GetRawText()}}}"""));

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
        var message = ChatCalls.ErrorMessage(body);
        Assert.Contains("deleted", message, StringComparison.Ordinal);
        Assert.Contains("start a new chat", message, StringComparison.Ordinal);
        Assert.Contains("1097", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_DeleteUnknown_ReturnsNotFound()
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/conversations/c_doesnotexist", Psid.New());

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Conversations_ListRpcHttp500_ReturnsApiError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueBatchFault("MaZiqc", new BatchFault { HttpStatus = 500 });

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations", psid);

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
    }

    [Fact]
    public async Task Conversation_ReadRejectedWithCode7_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueBatchFault("hNvQHb", new BatchFault { RejectCode = 7 });

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations/c_any", psid);

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task Conversations_RevokedCookies_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.Revoked;

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/conversations", psid);

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }
}
