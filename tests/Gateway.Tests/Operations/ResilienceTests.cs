using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>
/// Polly v8 on the GeminiWeb client (Resilience:GeminiWeb), driven through the simulator's faults: retries only
/// for idempotent reads and transient failures, never for StreamGenerate, blocks or auth failures; a circuit per
/// upstream authority that, once open, answers at once without reaching the simulator.
/// </summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private const string StreamGeneratePath = "StreamGenerate";
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<GatewayHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>
        {
            // Production-like pipeline with short backoffs (jitter stays on).
            ["Resilience:GeminiWeb:Retry:MaxRetryAttempts"] = "2",
            ["Resilience:GeminiWeb:Retry:BaseDelay"] = "00:00:00.010",
            ["Resilience:GeminiWeb:Retry:MaxDelay"] = "00:00:00.050",
            ["Resilience:GeminiWeb:CircuitBreaker:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        return GatewayHost.StartAsync(_simulator.BaseAddress, overrides);
    }

    private Task<GatewayHost> StartWithCircuitAsync() => StartAsync(
        ("Resilience:GeminiWeb:Retry:MaxRetryAttempts", "0"),
        ("Resilience:GeminiWeb:CircuitBreaker:Enabled", "true"),
        ("Resilience:GeminiWeb:CircuitBreaker:MinimumThroughput", "2"),
        ("Resilience:GeminiWeb:CircuitBreaker:FailureRatio", "0.5"),
        ("Resilience:GeminiWeb:CircuitBreaker:SamplingDuration", "00:01:00"),
        ("Resilience:GeminiWeb:CircuitBreaker:BreakDuration", "00:01:00"),

        // The simulator serves every host from one origin: the www.google.com preflight and the ESY5D warm-up
        // (protocol §3, §6.4) would add successes to this authority's ratio that production counts elsewhere.
        ("GeminiWeb:Protocol:Preflight", "false"),
        ("GeminiWeb:Protocol:WarmUp", "false"));

    private List<RecordedRequest> RequestsOf(string psid)
    {
        var hash = _simulator.State.Account(psid).PsidHash;
        return _simulator.State.Requests.Where(r => r.PsidHash == hash).ToList();
    }

    private static bool IsAppPage(RecordedRequest r) => r.Method == "GET" && r.Path.EndsWith("/app", StringComparison.Ordinal);

    [Fact]
    public async Task AppPage_Http503ThenSuccess_IsRetriedAndChatSucceeds()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueAppPageStatus(503);

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "retry the page" }));

        Envelope.AssertSuccess(response, body);
        Assert.Equal(2, RequestsOf(psid).Count(IsAppPage));
    }

    [Fact]
    public async Task AccountProbe_BatchExecute500ThenSuccess_IsRetriedAndChatSucceeds()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueBatchFault("otAQ7b", new BatchFault { HttpStatus = 500 });

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "retry the probe" }));

        Envelope.AssertSuccess(response, body);
        Assert.Equal(2, RequestsOf(psid).Count(r => r.RpcIds == "otAQ7b"));
    }

    [Fact]
    public async Task AppPage_PersistentHttp503_GivesUpAfterMaxAttemptsWithApiError()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        var account = _simulator.State.Account(psid);
        for (var i = 0; i < 5; i++)
        {
            account.EnqueueAppPageStatus(503);
        }

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "never works" }));

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Equal(3, RequestsOf(psid).Count(IsAppPage));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task StreamGenerate_HttpServerError_IsNotRetried(int status)
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { HttpStatus = status });

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "generate once" }));

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Single(RequestsOf(psid), r => r.Path.EndsWith(StreamGeneratePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppPage_BlockRedirect_IsNeverRetried()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).Scenario = AccountScenario.Blocked;

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "blocked" }));

        Envelope.AssertFailure(response, body, 429, "TEMPORARILY_BLOCKED");
        Assert.Single(RequestsOf(psid), IsAppPage);
    }

    [Fact]
    public async Task AppPage_AuthFailure_IsNeverRetried()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).Scenario = AccountScenario.Revoked;

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "revoked" }));

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
        Assert.Single(RequestsOf(psid), IsAppPage);
    }

    [Fact]
    public async Task StreamGenerate_Http429Block_IsNotRetried()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { HttpStatus = 429 });

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "blocked generate" }));

        Envelope.AssertFailure(response, body, 429, "TEMPORARILY_BLOCKED");
        Assert.Single(RequestsOf(psid), r => r.Path.EndsWith(StreamGeneratePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedServerErrors_OpenCircuit_NextCallFailsFastWithApiErrorWithoutReachingUpstream()
    {
        await using var gateway = await StartWithCircuitAsync();
        for (var i = 0; i < 2; i++)
        {
            var failing = Psid.New();
            _simulator.State.Account(failing).EnqueueAppPageStatus(500);
            var (failed, failedBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(failing, new { prompt = "fails" }));
            Envelope.AssertFailure(failed, failedBody, 502, "API_ERROR");
        }

        var seen = _simulator.State.Requests.Count;
        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "healthy account" }));

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Contains("circuit", ChatCalls.ErrorMessage(body), StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(seen, _simulator.State.Requests.Count);

        using var ready = await gateway.Client.GetAsync("readyz");
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var upstream = report.RootElement.GetProperty("checks").GetProperty("upstream");
        Assert.Equal("Degraded", upstream.GetProperty("status").GetString());
        Assert.Contains(upstream.EnumerateObject(), p => p.Name.StartsWith("circuit:", StringComparison.Ordinal) && p.Value.GetString()!.StartsWith("Open", StringComparison.Ordinal));
        Assert.Equal(seen, _simulator.State.Requests.Count);
    }

    [Fact]
    public async Task RepeatedBlocks_OpenCircuit_NextCallAnswersTemporarilyBlockedWithoutReachingUpstream()
    {
        await using var gateway = await StartWithCircuitAsync();
        for (var i = 0; i < 2; i++)
        {
            var blocked = Psid.New();
            _simulator.State.Account(blocked).Scenario = AccountScenario.Blocked;
            var (failed, failedBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(blocked, new { prompt = "blocked" }));
            Envelope.AssertFailure(failed, failedBody, 429, "TEMPORARILY_BLOCKED");
        }

        var seen = _simulator.State.Requests.Count;
        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "healthy account" }));

        Envelope.AssertFailure(response, body, 429, "TEMPORARILY_BLOCKED");
        Assert.Equal(seen, _simulator.State.Requests.Count);
    }

    [Fact]
    public async Task AuthFailuresAndUsageLimits_DoNotOpenTheCircuit()
    {
        await using var gateway = await StartWithCircuitAsync();
        for (var i = 0; i < 3; i++)
        {
            var revoked = Psid.New();
            _simulator.State.Account(revoked).Scenario = AccountScenario.Revoked;
            var (failed, failedBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(revoked, new { prompt = "revoked" }));
            Envelope.AssertFailure(failed, failedBody, 401, "GEMINI_AUTH_ERROR");

            var limited = Psid.New();
            _simulator.State.Account(limited).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });
            var (limit, limitBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(limited, new { prompt = "limit" }));
            Envelope.AssertFailure(limit, limitBody, 429, "USAGE_LIMIT_EXCEEDED");
        }

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "still fine" }));

        Envelope.AssertSuccess(response, body);
    }
}
