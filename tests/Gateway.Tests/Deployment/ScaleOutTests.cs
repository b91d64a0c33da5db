using System.Net.Http.Json;
using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Deployment;

/// <summary>
/// Three gateway processes on loopback share one real Redis and one simulator, as three replicas behind a
/// Service would: a per-key limit holds across all of them, killing one mid-load loses nothing on the
/// others, and nothing but Redis counters is shared.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string Key = "bk_scaleout_test_key_0123456789abcdef";
    private const int PerKeyLimit = 40;
    private readonly ITestOutputHelper _output;
    private SimulatorServer _simulator = null!;
    private RedisServer _redis = null!;

    public ScaleOutTests(ITestOutputHelper output)
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

    [Fact]
    public async Task ThreeReplicasOnOneRedis_LimitHoldsGlobally_AndAKilledReplicaLosesNothingElsewhere()
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth__Enabled"] = "true",
            ["Auth__Tenants__scale__Keys__0"] = Key,
            ["RateLimiting__Redis__Configuration"] = _redis.Configuration,
            ["RateLimiting__Policies__default__PerKey__Kind"] = "FixedWindow",
            ["RateLimiting__Policies__default__PerKey__PermitLimit"] = PerKeyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting__Policies__default__PerKey__Window"] = "00:10:00",
            ["RateLimiting__Policies__default__PerIp__PermitLimit"] = "100000",
            ["RateLimiting__Policies__default__PerTenant__PermitLimit"] = "100000",
            ["RateLimiting__Policies__default__ConcurrentRequestsPerKey"] = "1000",
            ["RateLimiting__Policies__default__ConcurrentUpstreamCallsPerAccount"] = "1000",
        };
        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => GatewayProcess.StartAsync(_simulator.BaseAddress, settings)));
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var victim = replicas[1];
            var outcomes = new System.Collections.Concurrent.ConcurrentBag<(int Replica, string Outcome)>();
            var sent = 0;

            async Task SendAsync(int index)
            {
                var replica = replicas[index % 3];
                var kind = index % 3;
                using var request = kind switch
                {
                    0 => ChatCalls.Chat(Psid.New(), new { prompt = $"plain {index}" }),
                    1 => ChatCalls.Chat(Psid.New(), new { prompt = $"stream {index}", stream = true }),
                    _ => new HttpRequestMessage(HttpMethod.Get, "api/models") { Headers = { { "x-gemini-psid", Psid.New() } } },
                };
                request.RequestUri = new Uri(replica.Address, request.RequestUri!.ToString());
                request.Headers.Add("x-bridge-api-key", Key);
                Interlocked.Increment(ref sent);
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var done = (int)response.StatusCode != 200 || kind != 1 || body.Contains("event: done", StringComparison.Ordinal);
                    outcomes.Add((index % 3, done ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "incomplete-stream"));
                }
                catch (HttpRequestException)
                {
                    outcomes.Add((index % 3, "connection-failed"));
                }
            }

            // First wave on all three, then the middle replica dies, then a second wave on all three.
            await Task.WhenAll(Enumerable.Range(0, 30).Select(SendAsync));
            await victim.KillAsync();
            await Task.WhenAll(Enumerable.Range(30, 45).Select(SendAsync));

            var admitted = outcomes.Count(o => o.Outcome == "200");
            var limited = outcomes.Count(o => o.Outcome == "429");
            var lostOnSurvivors = outcomes.Count(o => o.Replica != 1 && o.Outcome is not ("200" or "429"));
            var refusedByDeadReplica = outcomes.Count(o => o.Replica == 1 && o.Outcome == "connection-failed");
            _output.WriteLine($"sent {sent}, admitted {admitted} (limit {PerKeyLimit}), limited {limited}, lost on surviving replicas {lostOnSurvivors}, refused by the killed replica {refusedByDeadReplica}");

            Assert.Equal(75, outcomes.Count);
            Assert.Equal(PerKeyLimit, admitted);
            Assert.Equal(0, lostOnSurvivors);
            Assert.Equal(15, refusedByDeadReplica);

            // Only counters are shared: each replica bootstrapped its own sessions (no shared session cache).
            var pageLoads = _simulator.State.Requests.Count(r => r.Path.EndsWith("/app", StringComparison.Ordinal));
            Assert.True(pageLoads >= admitted / 2, $"page loads {pageLoads}");
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
