using System.Text;
using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>The Anthropic Messages surface (non-streaming answers, request reading, errors) through the real gateway and the simulator.</summary>
public sealed class AnthropicCompatTests : IClassFixture<CompatFixture>
{
    private readonly CompatFixture _fixture;

    public AnthropicCompatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static string TextOf(JsonElement message) =>
        string.Concat(message.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()));

    [Fact]
    public async Task Messages_UserMessage_ReturnsMessageObject()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), AnthropicCalls.UserMessage("Hello there")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("msg_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("assistant", body.GetProperty("role").GetString());
        Assert.Equal("gemini-3-flash", body.GetProperty("model").GetString());
        Assert.Equal("end_turn", body.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("stop_sequence").ValueKind);
        var block = Assert.Single(body.GetProperty("content").EnumerateArray());
        Assert.Equal("text", block.GetProperty("type").GetString());
        Assert.Contains("Simulated answer to \"Hello there\"", block.GetProperty("text").GetString(), StringComparison.Ordinal);
        var usage = body.GetProperty("usage");
        Assert.Equal(JsonValueKind.Number, usage.GetProperty("input_tokens").ValueKind);
        Assert.Equal(JsonValueKind.Number, usage.GetProperty("output_tokens").ValueKind);
        Assert.Equal("max_tokens", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
        Assert.Equal(response.Headers.GetValues("x-request-id").Single(), response.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task Messages_SystemBlocksAndHistory_AreReplayedAsContextInOnePrompt()
    {
        var body = new
        {
            model = "gemini-3-flash",
            max_tokens = 100,
            system = new object[] { new { type = "text", text = "You are terse.", cache_control = new { type = "ephemeral" } } },
            messages = new object[]
            {
                new { role = "user", content = "What is 2+2?" },
                new { role = "assistant", content = new object[] { new { type = "text", text = "4" } } },
                new { role = "user", content = new object[] { new { type = "text", text = "And 3+3?" } } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var text = TextOf(json);
        Assert.Contains("Simulated answer to \"System instructions", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_SystemString_IsReplayedAsInstructions()
    {
        var json = """{"model":"gemini-3-flash","max_tokens":10,"system":"Be brief.","messages":[{"role":"user","content":"hi"}]}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("Simulated answer to \"System instructions", TextOf(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_ThinkingEnabled_PutsAThinkingBlockWithSignatureFirst()
    {
        var json = """{"model":"gemini-3-flash-thinking","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Think about it"}]}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        var content = body.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["thinking", "text"], content.Select(b => b.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(content[0].GetProperty("thinking").GetString()));
        Assert.False(string.IsNullOrEmpty(content[0].GetProperty("signature").GetString()));
        Assert.Equal("max_tokens,thinking.budget_tokens", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
    }

    [Fact]
    public async Task Messages_ThinkingModelWithoutThinking_ReturnsTextOnly()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), AnthropicCalls.UserMessage("Think about it", "gemini-3-flash-thinking")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text", Assert.Single(body.GetProperty("content").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Messages_Base64ImageAndPdfBlocks_AreUploadedAndAttached()
    {
        var psid = Psid.New();
        var pdf = Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
        var body = new
        {
            model = "gemini-3-flash",
            max_tokens = 100,
            messages = new object[]
            {
                new
                {
                    role = "user",
                    content = new object[]
                    {
                        new { type = "image", source = new { type = "base64", media_type = "image/png", data = CompatCalls.TinyPngBase64 } },
                        new { type = "document", source = new { type = "base64", media_type = "application/pdf", data = pdf }, title = "report" },
                        new { type = "text", text = "What is in these?" },
                    },
                },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, body));

        Assert.Equal(200, (int)response.StatusCode);
        var size = Convert.FromBase64String(CompatCalls.TinyPngBase64).Length;
        var text = TextOf(json);
        Assert.Contains($"image-1.png ({size} bytes)", text, StringComparison.Ordinal);
        Assert.Contains("file-2.pdf", text, StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.Equal(2, _fixture.Sim.Requests.Count(r => r.PsidHash == hash && r.Path.EndsWith("/upload", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Messages_UrlImageSource_IsRefusedWithoutFetchingIt()
    {
        var psid = Psid.New();
        var json = """{"model":"gemini-3-flash","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Look"},{"type":"image","source":{"type":"url","url":"http://169.254.169.254/latest/meta-data"}}]}]}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, json));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "INVALID_BODY", "messages[0].content[1].source.type");
        Assert.Contains("does not fetch URLs", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash);
    }

    [Fact]
    public async Task Messages_UnknownFields_Returns400NamingThemAll()
    {
        var json = """{"model":"gemini-3-flash","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"frobnicate":1,"wibble":true}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "INVALID_BODY", "frobnicate");
        var message = body.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("frobnicate", message, StringComparison.Ordinal);
        Assert.Contains("wibble", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10}""", "messages")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"pre"}]}""", "messages")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"messages":[{"role":"system","content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"system":[{"type":"image"}],"messages":[{"role":"user","content":"hi"}]}""", "system[0].type")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"thinking":{"type":"sometimes"},"messages":[{"role":"user","content":"hi"}]}""", "thinking.type")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"mcp_servers":[{"type":"url","url":"https://x","name":"x"}],"messages":[{"role":"user","content":"hi"}]}""", "mcp_servers")]
    [InlineData("""{"model":"gemini-3-flash","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"hi","colour":"red"}]}]}""", "messages[0].content[0].colour")]
    public async Task Messages_InvalidRequest_Returns400NamingTheField(string json, string param)
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "INVALID_BODY", param);
    }

    [Fact]
    public async Task Messages_SamplingHints_AreAcceptedAndReportedAsIgnored()
    {
        var json = """{"model":"gemini-3-flash","max_tokens":10,"temperature":0.2,"top_p":0.9,"top_k":5,"stop_sequences":["END"],"metadata":{"user_id":"u1"},"messages":[{"role":"user","content":"hi"}]}""";

        var (response, _) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("max_tokens,temperature,top_p,top_k,stop_sequences,metadata", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
    }

    [Fact]
    public async Task Messages_NoPsid_Returns401AuthenticationError()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(null, AnthropicCalls.UserMessage("hi")));

        AnthropicCalls.AssertError(response, body, 401, "authentication_error", "MISSING_GEMINI_CREDENTIALS");
        Assert.Contains("x-gemini-psid", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_UsageLimit_Returns429RateLimitError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, AnthropicCalls.UserMessage("hi")));

        AnthropicCalls.AssertError(response, body, 429, "rate_limit_error", "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Messages_UnknownModel_Returns400ModelInvalid()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), AnthropicCalls.UserMessage("hi", "claude-sonnet-4-5")));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "MODEL_INVALID", "model");
    }

    [Fact]
    public async Task Messages_NotJson_Returns400InAnthropicShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(Psid.New(), "{not json"));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "INVALID_BODY");
    }

    [Fact]
    public async Task Models_FromAnAnthropicClient_AreTheAnthropicListAndModel()
    {
        var list = CompatCalls.Get("v1/models", Psid.New());
        list.Headers.Add("anthropic-version", "2023-06-01");
        var one = CompatCalls.Get("v1/models/gemini-3-flash", Psid.New());
        one.Headers.Add("anthropic-version", "2023-06-01");

        var (listResponse, listBody) = await CompatCalls.SendAsync(Client, list);
        var (oneResponse, oneBody) = await CompatCalls.SendAsync(Client, one);

        Assert.Equal(200, (int)listResponse.StatusCode);
        var data = listBody.GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(data, m => m.GetProperty("id").GetString() == "gemini-3-flash");
        Assert.All(data, m =>
        {
            Assert.Equal("model", m.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(m.GetProperty("display_name").GetString()));
            Assert.True(DateTimeOffset.TryParse(m.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        });
        Assert.False(listBody.GetProperty("has_more").GetBoolean());
        Assert.Equal(data[0].GetProperty("id").GetString(), listBody.GetProperty("first_id").GetString());
        Assert.Equal(data[^1].GetProperty("id").GetString(), listBody.GetProperty("last_id").GetString());
        Assert.Equal(200, (int)oneResponse.StatusCode);
        Assert.Equal("gemini-3-flash", oneBody.GetProperty("id").GetString());
        Assert.Equal("model", oneBody.GetProperty("type").GetString());
    }
}
