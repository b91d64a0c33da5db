using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>The Gemini API surface (generateContent, streamGenerateContent, models) through the real gateway and the simulator.</summary>
public sealed class GeminiApiCompatTests : IClassFixture<CompatFixture>
{
    private const string Generate = "v1beta/models/gemini-3-flash:generateContent";
    private const string StreamSse = "v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse";

    private readonly CompatFixture _fixture;

    public GeminiApiCompatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static HttpRequestMessage Post(string path, string? psid, object body)
    {
        var request = CompatCalls.Post(path, psid, JsonSerializer.Serialize(body), apiKey: null);
        request.Headers.TryAddWithoutValidation("x-goog-api-key", "any-key");
        return request;
    }

    private static object UserText(string text) => new { contents = new object[] { new { role = "user", parts = new object[] { new { text } } } } };

    private static void AssertGeminiError(HttpResponseMessage response, JsonElement body, int status, string rpcStatus, string reason, string? field = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal(rpcStatus, error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var details = error.GetProperty("details").EnumerateArray().ToList();
        var info = Assert.Single(details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal(reason, info.GetProperty("reason").GetString());
        if (field is not null)
        {
            var badRequest = Assert.Single(details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest");
            Assert.Equal(field, badRequest.GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        }
    }

    private static string Text(JsonElement response) => string.Concat(
        response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray()
            .Where(p => !p.TryGetProperty("thought", out var t) || !t.GetBoolean())
            .Select(p => p.GetProperty("text").GetString()));

    [Fact]
    public async Task GenerateContent_UserText_ReturnsGenerateContentResponse()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), UserText("Hello Gemini")));

        Assert.Equal(200, (int)response.StatusCode);
        var candidate = Assert.Single(body.GetProperty("candidates").EnumerateArray());
        Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal(0, candidate.GetProperty("index").GetInt32());
        Assert.Contains("Simulated answer to \"Hello Gemini\"", Text(body), StringComparison.Ordinal);
        Assert.Equal("gemini-3-flash", body.GetProperty("modelVersion").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("responseId").GetString()));
        var usage = body.GetProperty("usageMetadata");
        Assert.True(usage.GetProperty("promptTokenCount").GetInt32() > 0);
        Assert.True(usage.GetProperty("candidatesTokenCount").GetInt32() > 0);
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
    }

    [Fact]
    public async Task GenerateContent_SnakeCaseSystemInstructionAndHistory_AreReplayedAsContext()
    {
        var body = new
        {
            system_instruction = new { parts = new object[] { new { text = "Answer in French." } } },
            contents = new object[]
            {
                new { role = "user", parts = new object[] { new { text = "Hi" } } },
                new { role = "model", parts = new object[] { new { text = "Bonjour" } } },
                new { role = "user", parts = new object[] { new { text = "How are you?" } } },
            },
            generation_config = new { temperature = 0.1 },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("Simulated answer to \"System instructions", Text(json), StringComparison.Ordinal);
        Assert.Equal("generationConfig.temperature", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
    }

    [Fact]
    public async Task GenerateContent_IncludeThoughts_ReturnsThoughtPartsOnlyWhenAsked()
    {
        var psid = Psid.New();
        var withThoughts = new
        {
            contents = new object[] { new { role = "user", parts = new object[] { new { text = "Think" } } } },
            generationConfig = new { thinkingConfig = new { includeThoughts = true } },
        };

        var (_, asked) = await CompatCalls.SendAsync(Client, Post("v1beta/models/gemini-3-flash-thinking:generateContent", psid, withThoughts));
        var (_, plain) = await CompatCalls.SendAsync(Client, Post("v1beta/models/gemini-3-flash-thinking:generateContent", psid, UserText("Think")));

        var parts = asked.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray().ToList();
        Assert.True(parts[0].GetProperty("thought").GetBoolean());
        Assert.False(string.IsNullOrEmpty(parts[0].GetProperty("text").GetString()));
        Assert.DoesNotContain(plain.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray(), p => p.TryGetProperty("thought", out _));
    }

    [Fact]
    public async Task StreamGenerateContent_AltSse_SendsResponseChunksWithFinishReasonLast()
    {
        var (response, data) = await CompatCalls.StreamAsync(Client, Post(StreamSse, Psid.New(), UserText("Stream it")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var chunks = data.Select(CompatCalls.Json).ToList();
        Assert.True(chunks.Count >= 3, $"expected several chunks, got {chunks.Count}");
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.All(chunks[..^1], c => Assert.False(c.GetProperty("candidates")[0].TryGetProperty("finishReason", out _)));
        Assert.Contains("Simulated answer to \"Stream it\"", string.Concat(chunks.Select(Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamGenerateContent_WithoutAltSse_SendsAJsonArray()
    {
        var response = await Client.SendAsync(Post("v1beta/models/gemini-3-flash:streamGenerateContent", Psid.New(), UserText("Array please")));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        using var document = JsonDocument.Parse(text);
        var chunks = document.RootElement.EnumerateArray().ToList();
        Assert.True(chunks.Count >= 3);
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task GenerateContent_InlineImage_IsUploadedAndAttached()
    {
        var psid = Psid.New();
        var body = new
        {
            contents = new object[]
            {
                new
                {
                    role = "user",
                    parts = new object[]
                    {
                        new { inlineData = new { mimeType = "image/png", data = CompatCalls.TinyPngBase64 } },
                        new { text = "Describe this image" },
                    },
                },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, psid, body));

        Assert.Equal(200, (int)response.StatusCode);
        var size = Convert.FromBase64String(CompatCalls.TinyPngBase64).Length;
        Assert.Contains($"image-1.png ({size} bytes)", Text(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateContent_FileDataUri_IsRefusedWithoutFetchingIt()
    {
        var psid = Psid.New();
        var body = new
        {
            contents = new object[]
            {
                new { role = "user", parts = new object[] { new { fileData = new { mimeType = "image/png", fileUri = "http://10.0.0.1/x.png" } }, new { text = "hi" } } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, psid, body));

        AssertGeminiError(response, json, 400, "INVALID_ARGUMENT", "INVALID_BODY", "contents[0].parts[0].fileData");
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash);
    }

    [Theory]
    [InlineData("tools", """[{"googleSearch":{}}]""", "tools[0].googleSearch")]
    [InlineData("toolConfig", """{"functionCallingConfig":{"mode":"ANY"}}""", "toolConfig.functionCallingConfig.mode")]
    [InlineData("generationConfig", """{"responseMimeType":"text/x.enum"}""", "generationConfig.responseMimeType")]
    [InlineData("generationConfig", """{"responseSchema":{"type":"OBJECT"}}""", "generationConfig.responseSchema")]
    [InlineData("generationConfig", """{"candidateCount":2}""", "generationConfig.candidateCount")]
    [InlineData("generationConfig", """{"stopSequences":["END"]}""", "generationConfig.stopSequences")]
    [InlineData("generationConfig", """{"responseLogprobs":true}""", "generationConfig.responseLogprobs")]
    [InlineData("cachedContent", "\"cachedContents/abc\"", "cachedContent")]
    [InlineData("bogusField", "1", "bogusField")]
    public async Task GenerateContent_UnsupportedField_Returns400NamingIt(string name, string value, string field)
    {
        var json = $$"""{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"{{name}}":{{value}}}""";
        var request = CompatCalls.Post(Generate, Psid.New(), json, apiKey: null);

        var (response, body) = await CompatCalls.SendAsync(Client, request);

        AssertGeminiError(response, body, 400, "INVALID_ARGUMENT", "INVALID_BODY", field);
    }

    [Fact]
    public async Task GenerateContent_NoPsid_Returns401Unauthenticated()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, Post(Generate, null, UserText("hi")));

        AssertGeminiError(response, body, 401, "UNAUTHENTICATED", "MISSING_GEMINI_CREDENTIALS");
    }

    [Fact]
    public async Task GenerateContent_UsageLimit_Returns429ResourceExhausted()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await CompatCalls.SendAsync(Client, Post(Generate, psid, UserText("hi")));

        AssertGeminiError(response, body, 429, "RESOURCE_EXHAUSTED", "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task StreamGenerateContent_UsageLimit_Returns429BeforeTheStreamStarts()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, Post(StreamSse, Psid.New(), UserText("hi [sim:error=1037]")));

        AssertGeminiError(response, body, 429, "RESOURCE_EXHAUSTED", "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task StreamGenerateContent_FailureAfterStart_EndsWithAnErrorChunk()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2 });

        var (response, data) = await CompatCalls.StreamAsync(Client, Post(StreamSse, psid, UserText("hi")));

        Assert.Equal(200, (int)response.StatusCode);
        var error = CompatCalls.Json(data[^1]).GetProperty("error");
        Assert.Equal(429, error.GetProperty("code").GetInt32());
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GenerateContent_UnknownModel_Returns400ModelInvalid()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, Post("v1beta/models/gemini-1.0-ultra:generateContent", Psid.New(), UserText("hi")));

        AssertGeminiError(response, body, 400, "INVALID_ARGUMENT", "MODEL_INVALID", "model");
    }

    [Fact]
    public async Task UnsupportedMethod_Returns404InGeminiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, Post("v1beta/models/gemini-3-flash:countTokens", Psid.New(), UserText("hi")));

        AssertGeminiError(response, body, 404, "NOT_FOUND", "NOT_FOUND");
    }

    [Fact]
    public async Task Models_List_ReturnsModelShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1beta/models", Psid.New()));

        Assert.Equal(200, (int)response.StatusCode);
        var models = body.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["models/gemini-3-flash", "models/gemini-3-flash-thinking", "models/gemini-3-pro"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal("Fast", models[0].GetProperty("displayName").GetString());
        Assert.Contains("generateContent", models[0].GetProperty("supportedGenerationMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.True(models[1].GetProperty("thinking").GetBoolean());
    }

    [Fact]
    public async Task Models_GetKnownAndUnknown_ReturnsModelOr404()
    {
        var psid = Psid.New();

        var (ok, model) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1beta/models/gemini-3-pro", psid));
        var (missing, error) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1beta/models/gemini-0", psid));

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("models/gemini-3-pro", model.GetProperty("name").GetString());
        AssertGeminiError(missing, error, 404, "NOT_FOUND", "NOT_FOUND");
    }
}
