using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>The OpenAI Chat Completions surface through the real gateway and the simulator.</summary>
public sealed class OpenAiCompatTests : IClassFixture<CompatFixture>
{
    private const string Completions = "v1/chat/completions";

    private readonly CompatFixture _fixture;

    public OpenAiCompatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static object UserMessage(string text, string model = "gemini-3-flash", bool stream = false) => new
    {
        model,
        stream,
        messages = new object[] { new { role = "user", content = text } },
    };

    private static void AssertOpenAiError(HttpResponseMessage response, JsonElement body, int status, string type, string code, string? param = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
        else
        {
            Assert.True(error.TryGetProperty("param", out _));
        }
    }

    [Fact]
    public async Task ChatCompletions_UserMessage_ReturnsChatCompletionObject()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("Hello there")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("gemini-3-flash", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 1_700_000_000);
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Contains("Simulated answer to \"Hello there\"", message.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(message.TryGetProperty("reasoning_content", out _));
        var usage = body.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
    }

    [Fact]
    public async Task ChatCompletions_ThinkingModel_PutsThoughtsInReasoningContent()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("Think about it", "gemini-3-flash-thinking")));

        Assert.Equal(200, (int)response.StatusCode);
        var message = body.GetProperty("choices")[0].GetProperty("message");
        Assert.False(string.IsNullOrEmpty(message.GetProperty("reasoning_content").GetString()));
        Assert.Contains("Simulated answer", message.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_Streamed_SendsRoleFirstThenContentThenFinishReasonThenDone()
    {
        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("Stream please", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(CompatCalls.Json).ToList();
        Assert.True(chunks.Count >= 4, $"expected several chunks, got {chunks.Count}");
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        var content = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var text) ? text.GetString() : null));
        Assert.Contains("Simulated answer to \"Stream please\"", content, StringComparison.Ordinal);
        Assert.True(chunks.Count(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) && t.GetString()!.Length > 0) > 1, "content arrives in several deltas");
    }

    [Fact]
    public async Task ChatCompletions_StreamedThinkingModel_SendsReasoningContentDeltasBeforeContent()
    {
        var (_, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("Think and stream", "gemini-3-flash-thinking", stream: true)));

        var deltas = data[..^1].Select(CompatCalls.Json).Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
        var firstReasoning = deltas.FindIndex(d => d.TryGetProperty("reasoning_content", out _));
        var firstContent = deltas.FindIndex(d => d.TryGetProperty("content", out var c) && c.GetString()!.Length > 0);
        Assert.True(firstReasoning > 0, "a reasoning_content delta is sent");
        Assert.True(firstReasoning < firstContent, "thinking comes before the answer");
    }

    [Fact]
    public async Task ChatCompletions_SystemAndHistory_AreReplayedAsContextInOnePrompt()
    {
        var body = new
        {
            model = "gemini-3-flash",
            messages = new object[]
            {
                new { role = "system", content = "You are terse." },
                new { role = "user", content = "What is 2+2?" },
                new { role = "assistant", content = "4" },
                new { role = "user", content = new object[] { new { type = "text", text = "And 3+3?" } } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var content = json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Contains("Simulated answer to \"System instructions", content, StringComparison.Ordinal);
        Assert.DoesNotContain("(turn", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ImageDataUrl_IsUploadedAndAttached()
    {
        var psid = Psid.New();
        var body = new
        {
            model = "gemini-3-flash",
            messages = new object[]
            {
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = "What is in this image?" },
                        new { type = "image_url", image_url = new { url = "data:image/png;base64," + CompatCalls.TinyPngBase64 } },
                    },
                },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, body));

        Assert.Equal(200, (int)response.StatusCode);
        var size = Convert.FromBase64String(CompatCalls.TinyPngBase64).Length;
        Assert.Contains($"image-1.png ({size} bytes)", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.Single(_fixture.Sim.Requests, r => r.PsidHash == hash && r.Path.EndsWith("/upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCompletions_HttpImageUrl_IsRefusedWithoutFetchingIt()
    {
        var psid = Psid.New();
        var body = new
        {
            model = "gemini-3-flash",
            messages = new object[]
            {
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "text", text = "Look" },
                        new { type = "image_url", image_url = new { url = "http://169.254.169.254/latest/meta-data" } },
                    },
                },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, body));

        AssertOpenAiError(response, json, 400, "invalid_request_error", "INVALID_BODY", "messages[0].content[1].image_url.url");
        Assert.Contains("data URL", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash);
    }

    [Theory]
    [InlineData("tool_choice", "\"required\"")]
    [InlineData("response_format", """{"nope":1}""")]
    [InlineData("n", "2")]
    [InlineData("logprobs", "true")]
    [InlineData("top_logprobs", "3")]
    [InlineData("audio", """{"voice":"alloy","format":"mp3"}""")]
    [InlineData("stop", "\"END\"")]
    [InlineData("logit_bias", """{"50256":-100}""")]
    [InlineData("not_a_parameter", "1")]
    public async Task ChatCompletions_UnsupportedParameter_Returns400NamingIt(string param, string value)
    {
        var json = $$"""{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"{{param}}":{{value}}}""";

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), json));

        AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", param);
        Assert.Contains(param, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_MissingModel_Returns400NamingModel()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), """{"messages":[{"role":"user","content":"hi"}]}"""));

        AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", "model");
    }

    [Fact]
    public async Task ChatCompletions_SamplingHints_AreAcceptedAndReportedAsIgnored()
    {
        var json = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"temperature":0.2,"max_tokens":50,"user":"u1"}""";

        var (response, _) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("temperature,max_tokens", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
    }

    [Fact]
    public async Task ChatCompletions_NoPsid_Returns401InOpenAiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, null, UserMessage("hi")));

        AssertOpenAiError(response, body, 401, "authentication_error", "MISSING_GEMINI_CREDENTIALS");
        Assert.Contains("x-gemini-psid", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ExpiredCookies_Returns401GeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.RedirectLogin;

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, UserMessage("hi")));

        AssertOpenAiError(response, body, 401, "authentication_error", "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task ChatCompletions_UsageLimit_Returns429RateLimitError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, UserMessage("hi")));

        AssertOpenAiError(response, body, 429, "rate_limit_error", "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task ChatCompletions_StreamedUsageLimit_Returns429BeforeTheStreamStarts()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("hi [sim:error=1037]", stream: true)));

        AssertOpenAiError(response, body, 429, "rate_limit_error", "USAGE_LIMIT_EXCEEDED");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChatCompletions_FailureAfterStreamStarted_EndsWithErrorDataAndNoDone()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2 });

        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, psid, UserMessage("hi", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.NotEqual("[DONE]", data[^1]);
        Assert.Equal("USAGE_LIMIT_EXCEEDED", CompatCalls.Json(data[^1]).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Returns400ModelInvalidNamingModel()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), UserMessage("hi", "gpt-4o")));

        AssertOpenAiError(response, body, 400, "invalid_request_error", "MODEL_INVALID", "model");
        Assert.Contains("gemini-3-flash", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_NotJson_Returns400InOpenAiShape()
    {
        var request = CompatCalls.Post(Completions, Psid.New(), "{not json");

        var (response, body) = await CompatCalls.SendAsync(Client, request);

        AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY");
    }

    [Fact]
    public async Task Models_List_ReturnsAccountModelsInOpenAiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1/models", Psid.New()));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("list", body.GetProperty("object").GetString());
        var ids = body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["gemini-3-flash", "gemini-3-flash-thinking", "gemini-3-pro"], ids);
        var first = body.GetProperty("data")[0];
        Assert.Equal("model", first.GetProperty("object").GetString());
        Assert.Equal("google", first.GetProperty("owned_by").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("created").ValueKind);
    }

    [Fact]
    public async Task Models_RetrieveKnownAndUnknown_ReturnsModelOr404()
    {
        var psid = Psid.New();

        var (ok, model) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1/models/gemini-3-pro", psid));
        var (missing, error) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1/models/gpt-4o", psid));

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("gemini-3-pro", model.GetProperty("id").GetString());
        AssertOpenAiError(missing, error, 404, "invalid_request_error", "NOT_FOUND", "model");
    }

    [Fact]
    public async Task Models_NoPsid_Returns401InOpenAiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Get("v1/models", null));

        AssertOpenAiError(response, body, 401, "authentication_error", "MISSING_GEMINI_CREDENTIALS");
    }
}
