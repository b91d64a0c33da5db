using System.Text.Json;
using Gateway.Compat.Responses;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>The OpenAI Responses surface through the real gateway and the simulator: requests, output, stream events, errors.</summary>
public sealed class ResponsesCompatTests : IClassFixture<CompatFixture>
{
    private readonly CompatFixture _fixture;

    public ResponsesCompatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string psid, string json) =>
        CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, psid, json));

    [Fact]
    public async Task StringInput_ReturnsTheResponseObject_WithEstimatedUsage_AndMetadataEchoed()
    {
        var (response, body) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash","input":"Hello there","store":true,"metadata":{"run":"42"},"instructions":null}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("response", body.GetProperty("object").GetString());
        Assert.StartsWith("resp_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("gemini-3-flash", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("created_at").GetInt64() > 1_700_000_000);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.False(body.GetProperty("store").GetBoolean());
        Assert.Equal("42", body.GetProperty("metadata").GetProperty("run").GetString());
        var item = Assert.Single(body.GetProperty("output").EnumerateArray());
        Assert.Equal("message", item.GetProperty("type").GetString());
        Assert.Equal("assistant", item.GetProperty("role").GetString());
        Assert.Equal("completed", item.GetProperty("status").GetString());
        Assert.StartsWith("msg_", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        var part = Assert.Single(item.GetProperty("content").EnumerateArray());
        Assert.Equal("output_text", part.GetProperty("type").GetString());
        Assert.Contains("Simulated answer to \"Hello there\"", part.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(part.GetProperty("annotations").EnumerateArray());
        var usage = body.GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        Assert.True(usage.GetProperty("output_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
        Assert.Equal("store", response.Headers.GetValues("x-bridge-ignored-params").Single());
    }

    [Fact]
    public async Task ThinkingModel_PutsThoughtsInAReasoningItemSummary_BeforeTheMessage()
    {
        var (response, body) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash-thinking","input":"Think about it","reasoning":{"effort":"high","summary":"auto"}}""");

        Assert.Equal(200, (int)response.StatusCode);
        var output = body.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["reasoning", "message"], output.Select(i => i.GetProperty("type").GetString()));
        Assert.StartsWith("rs_", output[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        var summary = Assert.Single(output[0].GetProperty("summary").EnumerateArray());
        Assert.Equal("summary_text", summary.GetProperty("type").GetString());
        Assert.Contains("Considering the request", summary.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", body.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Items_WithInstructionsDeveloperMessageAndHistory_AreReplayedAsOnePrompt()
    {
        var json = """
            {"model":"gemini-3-flash","instructions":"You are terse.","input":[
              {"role":"developer","content":"Answer in English."},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"What is 2+2?"}]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"4","annotations":[]}]},
              {"role":"user","content":"And 3+3?"}]}
            """;

        var (response, body) = await PostAsync(Psid.New(), json);

        Assert.Equal(200, (int)response.StatusCode);
        var text = ResponsesCalls.MessageText(body);
        Assert.Contains("Simulated answer to \"System instructions", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(turn", text, StringComparison.Ordinal);
        Assert.Equal("You are terse.", body.GetProperty("instructions").GetString());
    }

    [Fact]
    public async Task InputImageDataUrl_AndInputFile_AreUploadedAndAttached()
    {
        var psid = Psid.New();
        var pdf = Convert.ToBase64String("%PDF-1.4 tiny"u8.ToArray());
        var json = $$"""
            {"model":"gemini-3-flash","input":[{"role":"user","content":[
              {"type":"input_text","text":"What is in these?"},
              {"type":"input_image","image_url":"data:image/png;base64,{{CompatCalls.TinyPngBase64}}","detail":"auto"},
              {"type":"input_file","filename":"notes.pdf","file_data":"{{pdf}}"}]}]}
            """;

        var (response, body) = await PostAsync(psid, json);

        Assert.Equal(200, (int)response.StatusCode);
        var text = ResponsesCalls.MessageText(body);
        Assert.Contains($"image-1.png ({Convert.FromBase64String(CompatCalls.TinyPngBase64).Length} bytes)", text, StringComparison.Ordinal);
        Assert.Contains("notes.pdf (", text, StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.Equal(2, _fixture.Sim.Requests.Count(r => r.PsidHash == hash && r.Path.EndsWith("/upload", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"type":"input_image","file_id":"file-abc","detail":"auto"}""", "input[0].content[1].file_id")]
    [InlineData("""{"type":"input_image","image_url":"http://169.254.169.254/latest/meta-data","detail":"auto"}""", "input[0].content[1].image_url")]
    [InlineData("""{"type":"input_file","file_id":"file-abc"}""", "input[0].content[1].file_id")]
    [InlineData("""{"type":"input_file","file_url":"https://example.com/a.pdf"}""", "input[0].content[1].file_url")]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}""", "input[0].content[1].type")]
    public async Task UnusableFileParts_AreRefusedByName_WithoutCallingGemini(string part, string param)
    {
        var psid = Psid.New();
        var json = $$"""{"model":"gemini-3-flash","input":[{"role":"user","content":[{"type":"input_text","text":"Look"},{{part}}]}]}""";

        var (response, body) = await PostAsync(psid, json);

        ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", param);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash);
    }

    [Theory]
    [InlineData("background", "true")]
    [InlineData("conversation", "\"conv_123\"")]
    [InlineData("prompt", """{"id":"pmpt_1"}""")]
    [InlineData("not_a_parameter", "1")]
    [InlineData("reasoning", """{"effort":"extreme"}""")]
    [InlineData("text", """{"format":{"type":"xml"}}""")]
    [InlineData("metadata", """{"k":1}""")]
    public async Task UnsupportedParameters_Return400NamingThem(string param, string value)
    {
        var (response, body) = await PostAsync(Psid.New(), $$"""{"model":"gemini-3-flash","input":"hi","{{param}}":{{value}}}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("INVALID_BODY", body.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith(param, body.GetProperty("error").GetProperty("param").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedTools_AreRefusedByName()
    {
        var (response, body) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash","input":"hi","tools":[{"type":"web_search"}]}""");

        ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", "tools[0].type");
    }

    [Fact]
    public async Task SamplingHints_AreAcceptedAndReportedAsIgnored()
    {
        var (response, _) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash","input":"hi","temperature":0.2,"max_output_tokens":50,"store":false,"user":"u1","truncation":"auto"}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("temperature,max_output_tokens,truncation", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")));
    }

    [Fact]
    public async Task MissingInputOrModel_Return400NamingThem()
    {
        var (noInput, noInputBody) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash"}""");
        var (noModel, noModelBody) = await PostAsync(Psid.New(), """{"input":"hi"}""");

        ResponsesCalls.AssertOpenAiError(noInput, noInputBody, 400, "invalid_request_error", "INVALID_BODY", "input");
        ResponsesCalls.AssertOpenAiError(noModel, noModelBody, 400, "invalid_request_error", "INVALID_BODY", "model");
    }

    [Fact]
    public async Task Streamed_SendsTheDocumentedEventOrder_WithRisingSequenceNumbers()
    {
        var (response, events) = await ResponsesCalls.StreamAsync(Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), """{"model":"gemini-3-flash-thinking","input":"Think and stream","stream":true}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));

        // Consecutive deltas collapse to one name, which gives the documented shape of the whole stream.
        var shape = events.Select(e => e.Name).Where((name, i) => i == 0 || name != events[i - 1].Name).ToList();
        Assert.Equal(
            [
                "response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed",
            ],
            shape);
        Assert.True(events.Count(e => e.Name == "response.output_text.delta") > 1, "the answer arrives in several deltas");

        // One response id throughout; item ids and indexes agree between the events and the final output.
        var id = events[0].Data.GetProperty("response").GetProperty("id").GetString();
        var completed = events[^1].Data.GetProperty("response");
        Assert.Equal(id, completed.GetProperty("id").GetString());
        Assert.Equal("in_progress", events[0].Data.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var output = completed.GetProperty("output").EnumerateArray().ToList();
        var added = events.Where(e => e.Name == "response.output_item.added").Select(e => (e.Data.GetProperty("output_index").GetInt32(), e.Data.GetProperty("item").GetProperty("id").GetString())).ToList();
        Assert.Equal(output.Select((item, index) => (index, item.GetProperty("id").GetString())), added);
        var deltas = string.Concat(events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Data.GetProperty("delta").GetString()));
        Assert.Equal(deltas, events.Single(e => e.Name == "response.output_text.done").Data.GetProperty("text").GetString());
        Assert.Equal(deltas, ResponsesCalls.MessageText(completed));
        Assert.All(events.Where(e => e.Name.StartsWith("response.output_text", StringComparison.Ordinal)), e => Assert.Equal(output[1].GetProperty("id").GetString(), e.Data.GetProperty("item_id").GetString()));
        var thoughts = string.Concat(events.Where(e => e.Name == "response.reasoning_summary_text.delta").Select(e => e.Data.GetProperty("delta").GetString()));
        Assert.Equal(thoughts, output[0].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task FailureBeforeTheStreamStarted_IsAPlainErrorWithItsStatus()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).UsageLimit = 0;

        var response = await Client.SendAsync(CompatCalls.Post(ResponsesCalls.Path, psid, """{"model":"gemini-3-flash","input":"hi","stream":true}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        ResponsesCalls.AssertOpenAiError(response, body.RootElement, 429, "rate_limit_error", "USAGE_LIMIT_EXCEEDED");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("x-bridge-usage-estimated"));
    }

    [Fact]
    public async Task FailureAfterTheStreamStarted_IsAnErrorEvent_ThenResponseFailed()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2, InterFrameDelay = TimeSpan.Zero });

        var (response, events) = await ResponsesCalls.StreamAsync(Client, CompatCalls.Post(ResponsesCalls.Path, psid, """{"model":"gemini-3-flash","input":"a long answer please","stream":true}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("response.created", events[0].Name);
        Assert.Equal(["error", "response.failed"], events[^2..].Select(e => e.Name));
        var error = events[^2].Data;
        Assert.Equal("USAGE_LIMIT_EXCEEDED", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var failed = events[^1].Data.GetProperty("response");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("USAGE_LIMIT_EXCEEDED", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(events[0].Data.GetProperty("response").GetProperty("id").GetString(), failed.GetProperty("id").GetString());
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task StoredResponses_AreA404SayingTheGatewayStoresNothing(string method)
    {
        var (_, created) = await PostAsync(Psid.New(), """{"model":"gemini-3-flash","input":"hi"}""");
        var id = created.GetProperty("id").GetString();

        foreach (var path in new[] { $"v1/responses/{id}", $"v1/responses/{id}/input_items", "v1/responses/resp_unknown" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.TryAddWithoutValidation("x-gemini-psid", Psid.New());
            var (response, body) = await CompatCalls.SendAsync(Client, request);

            ResponsesCalls.AssertOpenAiError(response, body, 404, "invalid_request_error", "NOT_FOUND");
            Assert.Contains("stores no responses", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // Even without cookies: nothing to look up, so nothing to authenticate against Gemini.
        var (bare, bareBody) = await CompatCalls.SendAsync(Client, new HttpRequestMessage(new HttpMethod(method), $"v1/responses/{id}"));
        ResponsesCalls.AssertOpenAiError(bare, bareBody, 404, "invalid_request_error", "NOT_FOUND");
    }

    [Fact]
    public async Task NoPsid_Returns401InOpenAiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, null, """{"model":"gemini-3-flash","input":"hi"}"""));

        ResponsesCalls.AssertOpenAiError(response, body, 401, "authentication_error", "MISSING_GEMINI_CREDENTIALS");
    }

    [Fact]
    public void Codec_RoundTripsEveryKind_AndRefusesAChangedByte()
    {
        var codec = _fixture.Gateway.Services.GetRequiredService<ResponseIdCodec>();
        var reference = new ResponseReference(new BridgeEngine.Contracts.ConversationRef("c_1", "r_2", "rc_3", "ctx"), new Dictionary<string, string> { ["call_1"] = "get_weather" });

        foreach (var kind in Enum.GetValues<ResponseItemKind>())
        {
            var id = codec.Encode(kind, 3, reference);
            Assert.True(codec.TryDecode(id, out var read));
            Assert.Equal(reference.Conversation, read!.Conversation);
            Assert.Equal("get_weather", read.CallNames["call_1"]);
            var middle = id.Length / 2;
            var changed = id[..middle] + (id[middle] == 'A' ? 'B' : 'A') + id[(middle + 1)..];
            Assert.False(codec.TryDecode(changed, out _));
            Assert.False(codec.TryDecode(id[..^1], out _));
        }

        // An id of one kind presented as another is refused: the prefix is signed too.
        var message = codec.Encode(ResponseItemKind.Message, 0, reference);
        Assert.False(codec.TryDecode("resp_" + message["msg_".Length..], out _));
    }
}
