using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// <c>/v1/models</c> is called by OpenAI clients, by the Google Gen AI SDKs (API version v1, their default) and by the
/// Anthropic SDKs (anthropic-version): the shape follows the client, and so does the error shape; the Gemini API's generate works on <c>/v1</c> as on <c>/v1beta</c>.
/// </summary>
public sealed class ModelsByClientTests : IClassFixture<CompatFixture>
{
    private readonly CompatFixture _fixture;

    public ModelsByClientTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private static HttpRequestMessage AsGoogleClient(HttpRequestMessage request)
    {
        request.Headers.Add("x-goog-api-client", "google-genai-sdk/3.3.0 gl-node/20");
        request.Headers.Add("x-goog-api-key", "any-key");
        return request;
    }

    private static HttpRequestMessage AsAnthropicClient(HttpRequestMessage request)
    {
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("x-api-key", "sk-ant-any");
        return request;
    }

    [Fact]
    public async Task V1Models_FromAnAnthropicClient_IsTheAnthropicList_AndOneModel()
    {
        var (list, listBody) = await CompatCalls.SendAsync(_fixture.Client, AsAnthropicClient(CompatCalls.Get("v1/models", Psid.New())));
        var (one, oneBody) = await CompatCalls.SendAsync(_fixture.Client, AsAnthropicClient(CompatCalls.Get("v1/models/gemini-3-flash", Psid.New())));

        Assert.Equal(200, (int)list.StatusCode);
        Assert.Contains(listBody.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "gemini-3-flash" && m.GetProperty("type").GetString() == "model");
        Assert.False(listBody.GetProperty("has_more").GetBoolean());
        Assert.False(listBody.TryGetProperty("object", out _));
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal("gemini-3-flash", oneBody.GetProperty("id").GetString());
        Assert.Equal("1970-01-01T00:00:00Z", oneBody.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task V1Models_FromAnOpenAiClient_IsTheOpenAiList()
    {
        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Get("v1/models", Psid.New()));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Contains(body.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "gemini-3-flash");
    }

    [Fact]
    public async Task V1Models_FromAGoogleClient_IsTheGeminiList_AndOneModel()
    {
        var (list, listBody) = await CompatCalls.SendAsync(_fixture.Client, AsGoogleClient(CompatCalls.Get("v1/models", Psid.New())));
        var (one, oneBody) = await CompatCalls.SendAsync(_fixture.Client, AsGoogleClient(CompatCalls.Get("v1/models/gemini-3-flash", Psid.New())));

        Assert.Equal(200, (int)list.StatusCode);
        Assert.Contains(listBody.GetProperty("models").EnumerateArray(), m => m.GetProperty("name").GetString() == "models/gemini-3-flash");
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal("models/gemini-3-flash", oneBody.GetProperty("name").GetString());
    }

    [Fact]
    public async Task V1Models_Errors_FollowTheClient()
    {
        var (openAi, openAiBody) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Get("v1/models/no-such-model", Psid.New()));
        var (google, googleBody) = await CompatCalls.SendAsync(_fixture.Client, AsGoogleClient(CompatCalls.Get("v1/models/no-such-model", Psid.New())));
        var (missing, missingBody) = await CompatCalls.SendAsync(_fixture.Client, AsGoogleClient(CompatCalls.Get("v1/models", psid: null)));
        var (anthropic, anthropicBody) = await CompatCalls.SendAsync(_fixture.Client, AsAnthropicClient(CompatCalls.Get("v1/models/no-such-model", Psid.New())));
        var (anthropicMissing, anthropicMissingBody) = await CompatCalls.SendAsync(_fixture.Client, AsAnthropicClient(CompatCalls.Get("v1/models", psid: null)));

        Assert.Equal(404, (int)openAi.StatusCode);
        Assert.Equal("invalid_request_error", openAiBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(404, (int)google.StatusCode);
        Assert.Equal("NOT_FOUND", googleBody.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal(401, (int)missing.StatusCode);
        Assert.Equal("MISSING_GEMINI_CREDENTIALS", missingBody.GetProperty("error").GetProperty("details")[0].GetProperty("reason").GetString());
        Assert.Equal(404, (int)anthropic.StatusCode);
        Assert.Equal("error", anthropicBody.GetProperty("type").GetString());
        Assert.Equal("not_found_error", anthropicBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(401, (int)anthropicMissing.StatusCode);
        Assert.Equal("MISSING_GEMINI_CREDENTIALS", anthropicMissingBody.GetProperty("error").GetProperty("details").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task GenerateContent_OnV1_AnswersLikeV1Beta()
    {
        var body = new { contents = new[] { new { role = "user", parts = new[] { new { text = "hello" } } } } };
        var (response, answer) = await CompatCalls.SendAsync(_fixture.Client, AsGoogleClient(CompatCalls.Post("v1/models/gemini-3-flash:generateContent", Psid.New(), body)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));
    }
}
