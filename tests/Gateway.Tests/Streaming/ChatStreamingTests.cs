using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Streaming;

public sealed class ChatStreamingTests : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly GatewayFixture _fixture;

    public ChatStreamingTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    private SimulatorState Sim => _fixture.Simulator.State;

    private static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient client, string psid, object body, CancellationToken cancellationToken = default)
    {
        var request = ChatCalls.Chat(psid, body);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    [Fact]
    public async Task Stream_EachFrame_ReachesClientBeforeUpstreamSendsTheNext()
    {
        var psid = Psid.New();
        var gates = Enumerable.Range(0, 16).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            // The simulator holds snapshot N until the client has the event for snapshot N-1: with any buffering
            // between them, nothing would arrive and the test would fail on its bound instead of hanging.
            BeforeFrame = (n, ct) => n == 0 ? Task.CompletedTask : gates[n].Task.WaitAsync(ct),
        });

        using var response = await OpenStreamAsync(_fixture.Gateway.Client, psid, new { prompt = "stream frame by frame", stream = true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var deltas = 0;
        var events = new List<SseEvent>();
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            events.Add(item);
            if (item.Name == "delta")
            {
                deltas++;
                gates[deltas].TrySetResult();
            }
        }

        Assert.True(deltas >= 3, $"expected a delta per snapshot, got {deltas}");
        Assert.Equal("done", events[^1].Name);
    }

    [Fact]
    public async Task Stream_DeltasConcatenate_ToDoneTextAndDoneEqualsNonStreamingData()
    {
        var psid = Psid.New();
        var body = new { prompt = "Compare streaming and non streaming", model = "gemini-3-flash-thinking" };
        using var response = await OpenStreamAsync(_fixture.Gateway.Client, psid, new { body.prompt, body.model, stream = true });

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        var requestId = response.Headers.GetValues("x-request-id").Single();
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadAllEventsAsync().WaitAsync(Bound);

        Assert.All(events, e => Assert.Equal(requestId, e.Json.GetProperty("requestId").GetString()));
        var done = events.Single(e => e.Name == "done").Json.GetProperty("data");
        var text = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Json.GetProperty("text").GetString()));
        var thoughts = string.Concat(events.Where(e => e.Name == "thought").Select(e => e.Json.GetProperty("text").GetString()));
        Assert.Equal(done.GetProperty("text").GetString(), text);
        Assert.Equal(done.GetProperty("thoughts").GetString(), thoughts);
        Assert.Contains(events, e => e.Name == "metadata");

        var (plain, envelope) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), body));
        var data = Envelope.AssertSuccess(plain, envelope);
        Assert.Equal(WithoutIds(data), WithoutIds(done));
    }

    [Fact]
    public async Task Stream_AcceptHeaderEventStream_StreamsWithoutStreamField()
    {
        var request = ChatCalls.Chat(Psid.New(), new { prompt = "hi" });
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await _fixture.Gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/event-stream", "text/event-stream")]
    [InlineData("text/event-stream, application/json;q=0.5", "text/event-stream")]
    [InlineData("application/json;q=0.9, text/*", "text/event-stream")]
    [InlineData("application/json, text/event-stream", "application/json")] // the reference's Try-it: both alike
    [InlineData("text/event-stream;q=0.5, application/json", "application/json")]
    [InlineData("text/event-stream;q=0", "application/json")]
    [InlineData("*/*", "application/json")]
    public async Task Stream_AcceptHeader_StreamsOnlyWhenEventStreamIsPreferredToJson(string accept, string answered)
    {
        var request = ChatCalls.Chat(Psid.New(), new { prompt = "hi" });
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await _fixture.Gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(answered, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_ImagesPrompt_EmitsEachImageOnce()
    {
        using var response = await OpenStreamAsync(_fixture.Gateway.Client, Psid.New(), new { prompt = "draw a cat", stream = true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadAllEventsAsync().WaitAsync(Bound);

        var images = events.Where(e => e.Name == "image").Select(e => e.Json.GetProperty("image").GetProperty("url").GetString()).ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(images.Count, images.Distinct().Count());
    }

    [Fact]
    public async Task Stream_ErrorBeforeFirstEvent_IsPlainEnvelopeWithStatus()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(psid, new { prompt = "hi", stream = true }));

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, GenerateFault, string> MidStreamFaults => new()
    {
        { "usage limit after two frames", new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2 }, "USAGE_LIMIT_EXCEEDED" },
        { "ip block after one frame", new GenerateFault { ErrorCode = 1060, ErrorAfterFrames = 1 }, "TEMPORARILY_BLOCKED" },
        { "malformed frame", new GenerateFault { MalformedFrame = true }, "API_ERROR" },
        { "truncated stream", new GenerateFault { TruncatedStream = true }, "API_ERROR" },
    };

    [Theory]
    [MemberData(nameof(MidStreamFaults))]
    public async Task Stream_FailureAfterStart_EndsWithErrorEvent(string scenario, GenerateFault fault, string code)
    {
        Assert.NotNull(scenario);
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(fault);

        using var response = await OpenStreamAsync(_fixture.Gateway.Client, psid, new { prompt = "hi", stream = true });
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadAllEventsAsync().WaitAsync(Bound);

        var last = events[^1];
        Assert.Equal("error", last.Name);
        Assert.Equal(code, last.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(events, e => e.Name == "done");
    }

    [Fact]
    public async Task Stream_ConnectionDroppedMidStream_EndsWithApiErrorEvent()
    {
        var psid = Psid.New();
        var secondDelta = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            // The drop comes only after the client holds two deltas: a reset may discard bytes still unread in
            // the gateway's socket, so without the gate the drop could land before the stream started.
            DropAfterFrames = 3,
            BeforeFrame = (n, ct) => n == 2 ? secondDelta.Task.WaitAsync(ct) : Task.CompletedTask,
        });

        using var response = await OpenStreamAsync(_fixture.Gateway.Client, psid, new { prompt = "hi", stream = true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = new List<SseEvent>();
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            events.Add(item);
            if (events.Count(e => e.Name == "delta") == 2)
            {
                secondDelta.TrySetResult();
            }
        }

        Assert.Equal("error", events[^1].Name);
        Assert.Equal("API_ERROR", events[^1].Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stream_UpstreamStallsPastIdleTimeout_EndsWithTimeoutEvent()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["GeminiWeb:Timeouts:Idle"] = "00:00:00.500" });
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { StallAfterFrames = 2 });

        using var response = await OpenStreamAsync(gateway.Client, psid, new { prompt = "hi", stream = true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var events = await reader.ReadAllEventsAsync().WaitAsync(Bound);

        Assert.Equal("TIMEOUT", events[^1].Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stream_UpstreamSilent_SendsHeartbeatComments()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Streaming:HeartbeatInterval"] = "00:00:00.100" });
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            // Snapshot 1 waits until the client saw a heartbeat: proof that silence produces keep-alives.
            BeforeFrame = (n, ct) => n == 1 ? heartbeatSeen.Task.WaitAsync(ct) : Task.CompletedTask,
        });

        using var response = await OpenStreamAsync(gateway.Client, psid, new { prompt = "hi", stream = true });
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var sawComment = false;
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            if (item.IsComment)
            {
                Assert.Equal("keep-alive", item.Data);
                sawComment = true;
                heartbeatSeen.TrySetResult();
            }
        }

        Assert.True(sawComment);
    }

    [Fact]
    public async Task Stream_ClientDisconnects_UpstreamRequestIsCancelledPromptly()
    {
        var psid = Psid.New();
        var finished = new TaskCompletionSource<GenerateOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            // Snapshot 1 never comes: the upstream request only ends when the gateway cancels it.
            BeforeFrame = (n, ct) => n == 1 ? Task.Delay(Timeout.InfiniteTimeSpan, ct) : Task.CompletedTask,
            Finished = finished,
        });
        using var cts = new CancellationTokenSource();

        var response = await OpenStreamAsync(_fixture.Gateway.Client, psid, new { prompt = "hi", stream = true }, cts.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        while (await reader.NextAsync(cts.Token).WaitAsync(Bound) is { Name: not "delta" })
        {
        }

        await cts.CancelAsync();
        reader.Dispose();
        response.Dispose();

        Assert.Equal(GenerateOutcome.ClientAborted, await finished.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await Sim.WhenNoOpenGenerateStreamsAsync(Bound);
        Assert.Equal(0, Sim.OpenGenerateStreams);
    }

    private static string WithoutIds(JsonElement data)
    {
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(data.GetRawText())!;
        copy.Remove("conversation");
        return JsonSerializer.Serialize(copy);
    }
}
