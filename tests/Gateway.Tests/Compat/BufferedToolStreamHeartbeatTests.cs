using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// Streams with emulated tools are buffered (the answer is checked whole), yet the connection stays alive: once
/// upstream answers, each heartbeat interval starts the response if needed (with the surface's opening) and sends the
/// surface's heartbeat. The simulator holds the answer until the client has seen a heartbeat, so without them these
/// tests would not end; the tool call that follows is still the checked one.
/// </summary>
public sealed class BufferedToolStreamHeartbeatTests : IClassFixture<CompatFixture>
{
    private const string WeatherFunction = """{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";
    private const string ResponsesWeatherTool = """{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";
    private const string GeminiWeatherFunction = """{"name":"get_weather","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, string?> ShortHeartbeat = new() { ["Streaming:HeartbeatInterval"] = "00:00:00.100" };

    private readonly CompatFixture _fixture;

    public BufferedToolStreamHeartbeatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>Snapshot 1 of the next answer for <paramref name="psid"/> waits until <paramref name="heartbeatSeen"/>.</summary>
    private void HoldAnswerUntil(string psid, TaskCompletionSource heartbeatSeen) =>
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            BeforeFrame = (n, ct) => n == 1 ? heartbeatSeen.Task.WaitAsync(ct) : Task.CompletedTask,
        });

    /// <summary>The stream's events split at the first heartbeat, which releases the held answer.</summary>
    private static async Task<(List<SseEvent> Before, List<SseEvent> After)> ReadAsync(HttpResponseMessage response, TaskCompletionSource heartbeatSeen, Func<SseEvent, bool> isHeartbeat)
    {
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var before = new List<SseEvent>();
        var after = new List<SseEvent>();
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            if (isHeartbeat(item))
            {
                heartbeatSeen.TrySetResult();
            }
            else if (!item.IsComment)
            {
                (heartbeatSeen.Task.IsCompleted ? after : before).Add(item);
            }
        }

        Assert.True(heartbeatSeen.Task.IsCompleted, "a heartbeat arrived while the answer was held");
        return (before, after);
    }

    private static bool IsKeepAliveComment(SseEvent item) => item.IsComment && item.Data == "keep-alive";

    [Fact]
    public async Task ChatCompletions_StreamedToolCall_RoleChunkAndKeepAlivesWhileBuffering_ThenTheCheckedCall()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, ShortHeartbeat);
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAnswerUntil(psid, heartbeatSeen);
        var body = $$"""{"model":"gemini-3-flash","stream":true,"tools":[{"type":"function","function":{{WeatherFunction}}}],"messages":[{"role":"user","content":"Use get_weather for city=Paris"}]}""";

        using var response = await gateway.Client.SendAsync(CompatCalls.Post("v1/chat/completions", psid, body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var (before, after) = await ReadAsync(response, heartbeatSeen, IsKeepAliveComment);

        // Only the opening went out before the answer was checked: the role chunk, nothing of the answer.
        var opening = Assert.Single(before);
        Assert.Equal("assistant", opening.Json.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("[DONE]", after[^1].Data);
        var chunks = after.SkipLast(1).Select(e => e.Json.GetProperty("choices")[0]).ToList();
        var call = Assert.Single(chunks.Single(c => c.GetProperty("delta").TryGetProperty("tool_calls", out _)).GetProperty("delta").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Paris", CompatCalls.Json(call.GetProperty("function").GetProperty("arguments").GetString()!).GetProperty("city").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Responses_StreamedToolCall_KeepAliveCommentsWhileBuffering_ThenTheDocumentedEvents()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, ShortHeartbeat);
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAnswerUntil(psid, heartbeatSeen);
        var body = $$"""{"model":"gemini-3-flash","stream":true,"input":"Use get_weather for city=Paris","tools":[{{ResponsesWeatherTool}}]}""";

        using var response = await gateway.Client.SendAsync(CompatCalls.Post(ResponsesCalls.Path, psid, body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var (before, after) = await ReadAsync(response, heartbeatSeen, IsKeepAliveComment);

        // response.created carries ids that name the accepted turn, so it waits for the answer; comments go first.
        Assert.Empty(before);
        Assert.Equal(
            [
                "response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed",
            ],
            after.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(0, after.Count), after.Select(e => e.Json.GetProperty("sequence_number").GetInt32()));
        var call = Assert.Single(after[^1].Json.GetProperty("response").GetProperty("output").EnumerateArray());
        Assert.Equal(("function_call", "get_weather"), (call.GetProperty("type").GetString(), call.GetProperty("name").GetString()));
        Assert.Equal("Paris", CompatCalls.Json(call.GetProperty("arguments").GetString()!).GetProperty("city").GetString());
    }

    [Fact]
    public async Task Anthropic_StreamedToolUse_MessageStartAndPingsWhileBuffering_ThenTheToolUseBlock()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, ShortHeartbeat);
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAnswerUntil(psid, heartbeatSeen);
        var body = """{"model":"gemini-3-flash","max_tokens":100,"stream":true,"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"messages":[{"role":"user","content":"Use get_weather for city=Paris"}]}""";

        using var response = await gateway.Client.SendAsync(AnthropicCalls.Post(psid, body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var (before, after) = await ReadAsync(response, heartbeatSeen, e =>
        {
            Assert.False(e.IsComment, "heartbeats on this surface are ping events, not comments");
            return e.Name == "ping";
        });

        // message_start opens the stream at the first heartbeat; then pings, until the answer is checked.
        Assert.Equal("message_start", Assert.Single(before).Name);
        var events = after.Where(e => e.Name != "ping").ToList();
        Assert.Equal(["content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], events.Select(e => e.Name));
        var block = events[0].Json.GetProperty("content_block");
        Assert.Equal(("tool_use", "get_weather"), (block.GetProperty("type").GetString(), block.GetProperty("name").GetString()));
        var input = events[1].Json.GetProperty("delta").GetProperty("partial_json").GetString()!;
        Assert.Equal("Paris", CompatCalls.Json(input).GetProperty("city").GetString());
        Assert.Equal("tool_use", events[3].Json.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task GeminiApi_StreamedFunctionCall_KeepAliveCommentsWhileBuffering_ThenTheFunctionCallPart()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, ShortHeartbeat);
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAnswerUntil(psid, heartbeatSeen);
        var body = $$"""{"contents":[{"role":"user","parts":[{"text":"Use get_weather for city=Paris"}]}],"tools":[{"functionDeclarations":[{{GeminiWeatherFunction}}]}]}""";
        var request = CompatCalls.Post("v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", psid, body, apiKey: null);
        request.Headers.TryAddWithoutValidation("x-goog-api-key", "any-key");

        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var (before, after) = await ReadAsync(response, heartbeatSeen, IsKeepAliveComment);

        Assert.Empty(before);
        var last = after[^1].Json.GetProperty("candidates")[0];
        Assert.Equal("STOP", last.GetProperty("finishReason").GetString());
        var call = last.GetProperty("content").GetProperty("parts").EnumerateArray().Single(p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("args").GetProperty("city").GetString());
    }

    [Fact]
    public async Task ChatCompletions_RepairFailsAfterTheStreamStarted_EndsWithAnErrorMessageInTheStream()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, ShortHeartbeat);
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldAnswerUntil(psid, heartbeatSeen);
        var body = $$"""{"model":"gemini-3-flash","stream":true,"tools":[{"type":"function","function":{{WeatherFunction}}}],"messages":[{"role":"user","content":"get_weather [sim:tools=wrong-always]"}]}""";

        using var response = await gateway.Client.SendAsync(CompatCalls.Post("v1/chat/completions", psid, body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var (_, after) = await ReadAsync(response, heartbeatSeen, IsKeepAliveComment);

        var error = Assert.Single(after).Json.GetProperty("error");
        Assert.Equal("API_ERROR", error.GetProperty("code").GetString());
        Assert.Contains("tool-call format", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_RepairFailsWithinOneHeartbeatInterval_IsStillA502()
    {
        // The shared gateway's interval is the default 15 s: the answer is judged long before a heartbeat is due.
        var body = $$"""{"model":"gemini-3-flash","stream":true,"tools":[{"type":"function","function":{{WeatherFunction}}}],"messages":[{"role":"user","content":"get_weather [sim:tools=wrong-always]"}]}""";

        var (response, body502) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post("v1/chat/completions", Psid.New(), body));

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("API_ERROR", body502.GetProperty("error").GetProperty("code").GetString());
    }
}
