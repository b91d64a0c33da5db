using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Chat;

public sealed class ChatSuccessTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public ChatSuccessTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Gateway.Client;

    [Fact]
    public async Task Chat_SeedPayload_ReturnsEnvelopeWithClassifiedAnswer()
    {
        var psid = Psid.New();
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new
        {
            prompt = "Explain quantum computing in simple terms",
            model = "gemini-3-flash",
            temporary = true,
            extended_thinking = false,
            gem = (string?)null,
        }));

        var data = Envelope.AssertSuccess(response, body);
        Assert.Contains("Explain quantum computing", data.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("gemini-3-flash", data.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("thoughts").ValueKind);
        var conversation = data.GetProperty("conversation");
        Assert.StartsWith("c_", conversation.GetProperty("conversationId").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("r_", conversation.GetProperty("responseId").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("rc_", conversation.GetProperty("choiceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ThinkingModel_ReturnsThoughtsSeparatelyFromText()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "What is 1+1?", model = "gemini-3-flash-thinking" }));

        var data = Envelope.AssertSuccess(response, body);
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("thoughts").GetString()));
        Assert.DoesNotContain(data.GetProperty("thoughts").GetString()!, data.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ExtendedThinkingOnFastModel_ReturnsThoughts()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "Plan a trip", model = "gemini-3-flash", extended_thinking = true }));

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal(JsonValueKind.String, data.GetProperty("thoughts").ValueKind);
    }

    [Fact]
    public async Task Chat_ImageGeneration_ReturnsGeneratedImagesAndCleanText()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "Please draw two cats" }));

        var data = Envelope.AssertSuccess(response, body);
        var images = data.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, image =>
        {
            Assert.Equal("generated", image.GetProperty("kind").GetString());
            Assert.StartsWith("http", image.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(image.GetProperty("alt").GetString()));
        });
        Assert.DoesNotContain("googleusercontent.com/image_generation_content", data.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WebImages_ReturnsWebImagesWithTitles()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "Show me a photo of a lighthouse" }));

        var data = Envelope.AssertSuccess(response, body);
        var images = data.GetProperty("images").EnumerateArray().ToList();
        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Equal("web", image.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Chat_ContinueWithReturnedConversation_StaysInSameConversation()
    {
        var psid = Psid.New();
        var (_, first) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "Remember the number seven", model = "gemini-3-flash" }));
        var conversation = first.GetProperty("data").GetProperty("conversation");

        var (response, second) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, $$"""{"prompt":"Which number?","model":"gemini-3-flash","conversation":{{conversation.GetRawText()}}}"""));

        var data = Envelope.AssertSuccess(response, second);
        Assert.Equal(conversation.GetProperty("conversationId").GetString(), data.GetProperty("conversation").GetProperty("conversationId").GetString());
        Assert.NotEqual(conversation.GetProperty("responseId").GetString(), data.GetProperty("conversation").GetProperty("responseId").GetString());
        Assert.Contains("turn 2", data.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NoModel_UsesAccountDefaultWithoutModelHeader_AndNamesIt()
    {
        var psid = Psid.New();
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "hi" }));

        var data = Envelope.AssertSuccess(response, body);
        var account = _fixture.Simulator.State.Account(psid);
        var generate = _fixture.Simulator.State.Requests.Last(r => r.PsidHash == account.PsidHash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal));
        Assert.False(generate.Headers.ContainsKey("x-goog-ext-525001261-jspb"), "no model header is sent");

        // The account's default is the first model its list offers (GET /api/models shows the same order).
        using var models = new HttpRequestMessage(HttpMethod.Get, "api/models");
        models.Headers.Add("x-gemini-psid", psid);
        using var listed = await Client.SendAsync(models);
        using var list = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var first = list.RootElement.GetProperty("data").GetProperty("models")[0];
        Assert.Equal(first.GetProperty("alias").GetString() ?? first.GetProperty("id").GetString(), data.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Chat_ContinuedWithoutModel_DoesNotGuessTheConversationsModel()
    {
        var psid = Psid.New();
        var (_, first) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "start", model = "gemini-3-pro" }));
        var conversation = first.GetProperty("data").GetProperty("conversation");

        var (response, second) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, $$"""{"prompt":"go on","conversation":{{conversation.GetRawText()}}}"""));

        var data = Envelope.AssertSuccess(response, second);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task Chat_RepeatedCalls_FetchAppPageOncePerCacheLifetime()
    {
        var psid = Psid.New();
        var account = _fixture.Simulator.State.Account(psid);
        for (var i = 0; i < 3; i++)
        {
            var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = $"call {i}" }));
            Envelope.AssertSuccess(response, body);
        }

        var pageLoads = _fixture.Simulator.State.Requests.Count(r => r.PsidHash == account.PsidHash && r.Path.EndsWith("/app", StringComparison.Ordinal));
        Assert.Equal(1, pageLoads);
    }

    [Fact]
    public async Task Chat_SessionCacheOff_FetchesAppPageEveryTime()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["GeminiWeb:SessionCache:Enabled"] = "false" });
        var psid = Psid.New();
        var account = _fixture.Simulator.State.Account(psid);
        for (var i = 0; i < 2; i++)
        {
            var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = $"call {i}" }));
            Envelope.AssertSuccess(response, body);
        }

        var pageLoads = _fixture.Simulator.State.Requests.Count(r => r.PsidHash == account.PsidHash && r.Path.EndsWith("/app", StringComparison.Ordinal));
        Assert.Equal(2, pageLoads);
    }

    [Fact]
    public async Task Chat_MarkdownRewrite_FinalTextIsUnescaped()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "use some markdown please" }));

        var data = Envelope.AssertSuccess(response, body);
        Assert.DoesNotContain("\\*", data.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
