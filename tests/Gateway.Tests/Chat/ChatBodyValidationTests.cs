using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Chat;

public sealed class ChatBodyValidationTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public ChatBodyValidationTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"prompt\":", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("[1,2,3]", "JSON object")]
    [InlineData("{}", "'prompt' is required")]
    [InlineData("{\"prompt\":null}", "'prompt' is required")]
    [InlineData("{\"prompt\":\"   \"}", "'prompt' must not be empty")]
    [InlineData("{\"prompt\":42}", "'prompt' must be a string")]
    [InlineData("{\"prompt\":\"hi\",\"model\":7}", "'model' must be a string")]
    [InlineData("{\"prompt\":\"hi\",\"temporary\":\"yes\"}", "'temporary' must be true or false")]
    [InlineData("{\"prompt\":\"hi\",\"extended_thinking\":1}", "'extended_thinking' must be true or false")]
    [InlineData("{\"prompt\":\"hi\",\"gem\":[]}", "'gem' must be a string")]
    [InlineData("{\"prompt\":\"hi\",\"stream\":\"true\"}", "'stream' must be true or false")]
    [InlineData("{\"prompt\":\"hi\",\"promt\":\"typo\"}", "Unknown field 'promt'")]
    [InlineData("{\"prompt\":\"hi\",\"prompt\":\"again\"}", "'prompt' appears more than once")]
    [InlineData("{\"prompt\":\"hi\",\"conversation\":\"c_1\"}", "'conversation' must be an object")]
    [InlineData("{\"prompt\":\"hi\",\"conversation\":{}}", "'conversation.conversationId' is required")]
    [InlineData("{\"prompt\":\"hi\"} {\"prompt\":\"again\"}", "more than one JSON value")]
    public async Task Chat_BadBody_ReturnsInvalidBodyNamingTheProblem(string body, string expected)
    {
        var before = _fixture.Simulator.State.Requests.Count;
        var (response, envelope) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), body));

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
        Assert.Contains(expected, ChatCalls.ErrorMessage(envelope), StringComparison.Ordinal);
        Assert.Equal(before, _fixture.Simulator.State.Requests.Count);
    }

    [Fact]
    public async Task Chat_WrongContentType_ReturnsInvalidBody()
    {
        var (response, envelope) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), "prompt=hi", contentType: "application/x-www-form-urlencoded"));

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
        Assert.Contains("application/json", ChatCalls.ErrorMessage(envelope), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BodyOverConfiguredSize_ReturnsInvalidBody()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Gateway:MaxJsonBodyBytes"] = "2048" });
        var body = "{\"prompt\":\"" + new string('x', 5000) + "\"}";

        var (response, envelope) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), body));

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
        Assert.Contains("2048 bytes", ChatCalls.ErrorMessage(envelope), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ChunkedBodyOverConfiguredSize_ReturnsInvalidBody()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Gateway:MaxJsonBodyBytes"] = "2048" });
        var request = ChatCalls.Chat(Psid.New(), "{}");
        var payload = System.Text.Encoding.UTF8.GetBytes("{\"prompt\":\"" + new string('x', 50_000) + "\"}");
        request.Content = new StreamContent(new MemoryStream(payload));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var (response, envelope) = await ChatCalls.SendAsync(gateway.Client, request);

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
    }

    [Fact]
    public async Task Chat_PromptOverConfiguredLength_ReturnsInvalidBody()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Gateway:MaxPromptChars"] = "10" });

        var (response, envelope) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "this prompt is too long" }));

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
        Assert.Contains("'prompt'", ChatCalls.ErrorMessage(envelope), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_AfterBadRequests_ServesNextGoodRequest()
    {
        await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), "{bad"));

        var (response, envelope) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "good" }));

        Envelope.AssertSuccess(response, envelope);
    }
}
