using System.Diagnostics;
using System.Globalization;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Policies;
using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Issue 17 item 6: a Redis that hangs (SIGSTOP: connections stay open, nothing is answered) costs a request at
/// most the configured timeout, for all its counters together, in both failure modes, and never a 500.
/// </summary>
[Collection(ReliabilitySerialGroup.Name)]
public sealed class RedisHangTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    private readonly ITestOutputHelper _output;
    private SimulatorServer _simulator = null!;
    private RedisServer _redis = null!;

    public RedisHangTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData("Open", 200)]
    [InlineData("Closed", 429)]
    public async Task HungRedis_EveryRequestAnswersWithinTheTimeout_InTheFailureMode(string failureMode, int expectedStatus)
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Redis:Configuration", _redis.Configuration),
            ("RateLimiting:Redis:FailureMode", failureMode),
            ("RateLimiting:Redis:Timeout", "00:00:00.300")), relaxedPolicies: false);
        var (warm, warmBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Envelope.AssertSuccess(warm, warmBody);

        await _redis.PauseAsync();
        var latencies = new List<double>();
        var statuses = new List<int>();
        try
        {
            // Sequential requests, then a concurrent burst, all while Redis is stopped.
            for (var i = 0; i < 12; i++)
            {
                var watch = Stopwatch.StartNew();
                var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                statuses.Add((int)response.StatusCode);
                AssertAnswer(response, body, expectedStatus);
            }

            var burst = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                var watch = Stopwatch.StartNew();
                var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
                AssertAnswer(response, body, expectedStatus);
                return watch.Elapsed.TotalMilliseconds;
            }));
            latencies.AddRange(burst);
        }
        finally
        {
            await _redis.ResumeAsync();
        }

        var sorted = latencies.Order().ToList();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FailureMode {failureMode}, Timeout 300 ms, Redis stopped: {latencies.Count} requests, p50 {sorted[sorted.Count / 2]:0} ms, max {sorted[^1]:0} ms, statuses {string.Join(',', statuses.Distinct())}"));

        // The bound is the timeout plus the request's own work on a shared 2-core machine.
        Assert.All(latencies, l => Assert.True(l < Timeout.TotalMilliseconds + 700, $"a request took {l:0} ms with a {Timeout.TotalMilliseconds} ms Redis timeout"));
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains("[2001]", StringComparison.Ordinal));

        // Redis back: limits are shared again (the first call after the short fail-fast period reaches it).
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!gateway.Logs.Lines.Any(l => l.Contains("[6102]", StringComparison.Ordinal)))
        {
            var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
            AssertAnswer(response, body, expectedStatus == 200 ? 200 : (int)response.StatusCode);
            await Task.Delay(Timeout, bound.Token);
        }
    }

    private static void AssertAnswer(HttpResponseMessage response, System.Text.Json.JsonElement body, int expectedStatus)
    {
        if (expectedStatus == 200)
        {
            Envelope.AssertSuccess(response, body);
        }
        else if ((int)response.StatusCode != 200)
        {
            Envelope.AssertFailure(response, body, expectedStatus, "USAGE_LIMIT_EXCEEDED");
        }
    }
}
