using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>
/// §15 / §15.1 end to end, on the gateway's virtual clock: an egress pause that ran out lets exactly one trial call
/// through; a trial Google refuses again pauses for twice as long, a trial that goes through lifts the pause.
/// </summary>
public sealed class EgressPauseTrialTests : IAsyncLifetime
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TrialRetryAfter = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<GatewayHost> StartAsync() => GatewayHost.StartAsync(
        _simulator.BaseAddress,
        new Dictionary<string, string?>
        {
            ["UpstreamBlock:CoolDown"] = "00:10:00",
            ["UpstreamBlock:MaxCoolDown"] = "01:00:00",
            ["UpstreamBlock:TrialRetryAfter"] = "00:00:05",
        },
        services => services.AddSingleton<TimeProvider>(_time));

    [Fact]
    public async Task PauseThatRanOut_AdmitsOneTrial_ARepeatedBlockDoublesIt_ASuccessLiftsIt()
    {
        await using var gateway = await StartAsync();

        // HTTP 429 from StreamGenerate: the egress pauses for the first, shorter pause.
        var first = await BlockedChatAsync(gateway);
        AssertRetryAfter(first, FirstPause);

        // The pause runs out; the next call is the trial, Google refuses it again: the pause doubles.
        _time.Advance(FirstPause + TimeSpan.FromSeconds(1));
        var repeated = await BlockedChatAsync(gateway);
        AssertRetryAfter(repeated, FirstPause * 2);

        // After the length of the first pause the egress is still paused, without a call upstream.
        _time.Advance(FirstPause + TimeSpan.FromSeconds(1));
        var (stillPaused, stillPausedPsid) = await ChatAsync(gateway, "still paused");
        Envelope.AssertFailure(stillPaused.Response, stillPaused.Body, 429, "TEMPORARILY_BLOCKED");
        AssertRetryAfter(stillPaused.Response, FirstPause - TimeSpan.FromSeconds(1));
        Assert.Empty(FidelityCalls.RequestsOf(_simulator, stillPausedPsid));

        // The doubled pause runs out: one trial call is held upstream; a caller arriving meanwhile is refused
        // with the short trial Retry-After and never reaches Google.
        _time.Advance(FirstPause);
        var trialPsid = Psid.New();
        var trialReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseTrial = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _simulator.State.Account(trialPsid).EnqueueGenerateFault(new GenerateFault
        {
            BeforeFrame = (n, ct) =>
            {
                trialReached.TrySetResult();
                return n == 0 ? releaseTrial.Task.WaitAsync(ct) : Task.CompletedTask;
            },
        });
        var trial = FidelityCalls.ChatAsync(gateway, trialPsid, new { prompt = "trial" });
        await trialReached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var (duringTrial, duringTrialPsid) = await ChatAsync(gateway, "while the trial runs");
        Envelope.AssertFailure(duringTrial.Response, duringTrial.Body, 429, "TEMPORARILY_BLOCKED");
        Assert.Equal(TrialRetryAfter, duringTrial.Response.Headers.RetryAfter?.Delta);
        Assert.Empty(FidelityCalls.RequestsOf(_simulator, duringTrialPsid));

        // The trial goes through: the pause is lifted, for every caller, with no new trial.
        releaseTrial.SetResult();
        var (trialResponse, trialBody) = await trial;
        Envelope.AssertSuccess(trialResponse, trialBody);
        Assert.Single(FidelityCalls.Generates(_simulator, trialPsid));

        // The pause is settled once the trial's request ends, which may be just after its answer reached the caller.
        await gateway.Logs.WaitForLineAsync(l => l.Contains("the pause is lifted", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var (after, _) = await ChatAsync(gateway, "after the trial");
        Envelope.AssertSuccess(after.Response, after.Body);
        var (alsoAfter, _) = await ChatAsync(gateway, "after the trial too");
        Envelope.AssertSuccess(alsoAfter.Response, alsoAfter.Body);
    }

    /// <summary>A chat from fresh cookies whose generate Google answers with HTTP 429 (an egress-wide block).</summary>
    private async Task<HttpResponseMessage> BlockedChatAsync(GatewayHost gateway)
    {
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { HttpStatus = 429 });
        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "blocked" });
        Envelope.AssertFailure(response, body, 429, "TEMPORARILY_BLOCKED");
        Assert.Single(FidelityCalls.Generates(_simulator, psid));
        return response;
    }

    private static async Task<((HttpResponseMessage Response, System.Text.Json.JsonElement Body) Result, string Psid)> ChatAsync(GatewayHost gateway, string prompt)
    {
        var psid = Psid.New();
        return (await FidelityCalls.ChatAsync(gateway, psid, new { prompt }), psid);
    }

    private static void AssertRetryAfter(HttpResponseMessage response, TimeSpan expected)
    {
        var delta = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(delta);
        Assert.InRange(delta.Value, expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
    }
}
