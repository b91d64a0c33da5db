using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>Protocol §15.1 end to end: what Google refused is what pauses, with the real Retry-After.</summary>
public sealed class BlockScopeTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<GatewayHost> StartAsync() => FidelityCalls.StartAsync(
        _simulator,
        ("UpstreamBlock:CoolDown", "00:10:00"),
        ("UpstreamBlock:IdentityCoolDown", "00:05:00"),
        ("UpstreamBlock:IdentitiesForEgressPause", "2"));

    [Fact]
    public async Task Stream1060_PausesThatIdentityOnly_UntilASecondIdentityIsRefused()
    {
        await using var gateway = await StartAsync();
        var first = Psid.New();
        _simulator.State.Account(first).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1060 });

        var (refused, refusedBody) = await FidelityCalls.ChatAsync(gateway, first, new { prompt = "flagged" });
        Envelope.AssertFailure(refused, refusedBody, 429, "TEMPORARILY_BLOCKED");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5.1));

        // The same cookies are paused without a call upstream; another caller is not.
        var seen = FidelityCalls.RequestsOf(_simulator, first).Count;
        var (again, againBody) = await FidelityCalls.ChatAsync(gateway, first, new { prompt = "again" });
        Envelope.AssertFailure(again, againBody, 429, "TEMPORARILY_BLOCKED");
        Assert.Equal(seen, FidelityCalls.RequestsOf(_simulator, first).Count);
        var (bystander, bystanderBody) = await FidelityCalls.ChatAsync(gateway, Psid.New(), new { prompt = "unaffected" });
        Envelope.AssertSuccess(bystander, bystanderBody);

        // A second refused identity inside the window: now it is the egress, and everyone waits.
        var second = Psid.New();
        _simulator.State.Account(second).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1060 });
        var (secondRefused, secondBody) = await FidelityCalls.ChatAsync(gateway, second, new { prompt = "flagged too" });
        Envelope.AssertFailure(secondRefused, secondBody, 429, "TEMPORARILY_BLOCKED");
        Assert.True(secondRefused.Headers.RetryAfter!.Delta > TimeSpan.FromMinutes(9));

        var third = Psid.New();
        var (paused, pausedBody) = await FidelityCalls.ChatAsync(gateway, third, new { prompt = "egress paused" });
        Envelope.AssertFailure(paused, pausedBody, 429, "TEMPORARILY_BLOCKED");
        Assert.Empty(FidelityCalls.RequestsOf(_simulator, third));
    }

    [Fact]
    public async Task Http429_PausesTheEgress_WithTheRestAsRetryAfter()
    {
        await using var gateway = await StartAsync();
        var blocked = Psid.New();
        _simulator.State.Account(blocked).EnqueueGenerateFault(new GenerateFault { HttpStatus = 429 });

        var (first, firstBody) = await FidelityCalls.ChatAsync(gateway, blocked, new { prompt = "429" });
        var bystander = Psid.New();
        var (second, secondBody) = await FidelityCalls.ChatAsync(gateway, bystander, new { prompt = "bystander" });

        Envelope.AssertFailure(first, firstBody, 429, "TEMPORARILY_BLOCKED");
        Assert.InRange(first.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(9.9), TimeSpan.FromMinutes(10.1));
        Envelope.AssertFailure(second, secondBody, 429, "TEMPORARILY_BLOCKED");
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(9.5), TimeSpan.FromMinutes(10.1));
        Assert.Empty(FidelityCalls.RequestsOf(_simulator, bystander));
    }

    [Fact]
    public async Task RotateCookies429_OnlySkipsTheRotation()
    {
        await using var gateway = await StartAsync();
        var psid = Psid.New();
        _simulator.State.Account(psid).RotateRateLimited = true;
        using var rotate = new HttpRequestMessage(HttpMethod.Post, "api/session/rotate");
        rotate.Headers.Add("x-gemini-psid", psid);

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, rotate);
        var (chat, chatBody) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "still works" });

        Envelope.AssertFailure(response, body, 429, "TEMPORARILY_BLOCKED");
        Assert.Contains("not rotated", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        Envelope.AssertSuccess(chat, chatBody);
    }

    [Fact]
    public async Task OneAccountsServerErrors_OpenOnlyThatAccountsCircuit()
    {
        await using var gateway = await FidelityCalls.StartAsync(
            _simulator,
            ("Resilience:GeminiWeb:CircuitBreaker:Enabled", "true"),
            ("Resilience:GeminiWeb:CircuitBreaker:MinimumThroughput", "2"),
            ("Resilience:GeminiWeb:CircuitBreaker:SamplingDuration", "00:01:00"),
            ("Resilience:GeminiWeb:CircuitBreaker:BreakDuration", "00:01:00"));
        var failing = Psid.New();
        for (var i = 0; i < 4; i++)
        {
            _simulator.State.Account(failing).EnqueueGenerateFault(new GenerateFault { HttpStatus = 500 });
            var (failed, failedBody) = await FidelityCalls.ChatAsync(gateway, failing, new { prompt = "fails " + i });
            Envelope.AssertFailure(failed, failedBody, 502, "API_ERROR");
        }

        var generates = FidelityCalls.Generates(_simulator, failing).Count;
        var (open, openBody) = await FidelityCalls.ChatAsync(gateway, failing, new { prompt = "fails fast" });
        Envelope.AssertFailure(open, openBody, 502, "API_ERROR");
        Assert.Contains("account circuit", ChatCalls.ErrorMessage(openBody), StringComparison.Ordinal);
        Assert.Equal(generates, FidelityCalls.Generates(_simulator, failing).Count);

        var (other, otherBody) = await FidelityCalls.ChatAsync(gateway, Psid.New(), new { prompt = "other tenant" });
        Envelope.AssertSuccess(other, otherBody);
    }
}
