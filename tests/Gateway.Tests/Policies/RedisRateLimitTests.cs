using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Policies;

/// <summary>Shared counters in a real redis-server: across processes, and while Redis goes away and comes back.</summary>
public sealed class RedisRateLimitTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private RedisServer _redis = null!;

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

    private Dictionary<string, string> ProcessSettings(int perIpLimit, string failureMode = "Open") => new()
    {
        ["RateLimiting__Redis__Configuration"] = _redis.Configuration,
        ["RateLimiting__Redis__FailureMode"] = failureMode,
        ["RateLimiting__Policies__default__PerIp__Kind"] = "FixedWindow",
        ["RateLimiting__Policies__default__PerIp__PermitLimit"] = perIpLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting__Policies__default__PerIp__Window"] = "00:10:00",
        ["RateLimiting__Policies__default__ConcurrentUpstreamCallsPerAccount"] = "1000",
    };

    [Fact]
    public async Task TwoGatewayProcessesOnOneRedis_ShareOneLimit()
    {
        await using var first = await GatewayProcess.StartAsync(_simulator.BaseAddress, ProcessSettings(5));
        await using var second = await GatewayProcess.StartAsync(_simulator.BaseAddress, ProcessSettings(5));
        using var client = new HttpClient();

        var statuses = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            var gateway = i % 2 == 0 ? first : second;
            var request = PolicyHosts.Chat(null, Psid.New()).WithPath(new Uri(gateway.Address, "api/chat").ToString());
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == 200));
        Assert.Equal(3, statuses.Count(s => s == 429));
    }

    [Fact]
    public async Task RedisKilledMidRun_FailsOpenShowsInReadiness_AndRecovers()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Redis:Configuration", _redis.Configuration),
            ("RateLimiting:Redis:FailureMode", "Open"),
            ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"),
            ("RateLimiting:Policies:default:PerIp:PermitLimit", "3"),
            ("RateLimiting:Policies:default:PerIp:Window", "00:10:00")), relaxedPolicies: false);

        for (var i = 0; i < 3; i++)
        {
            var (ok, okBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
            Envelope.AssertSuccess(ok, okBody);
        }

        var (limited, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Assert.Equal(429, (int)limited.StatusCode);

        await _redis.KillAsync();
        var (whileDown, downBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Envelope.AssertSuccess(whileDown, downBody);
        var ready = JsonDocument.Parse(await gateway.Client.GetStringAsync("readyz")).RootElement;
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Equal("unreachable", ready.GetProperty("checks").GetProperty("policies").GetProperty("redis").GetString());
        Assert.Single(gateway.Logs.Lines, l => l.Contains("[6101]", StringComparison.Ordinal));

        await _redis.RestartAsync();

        // Redis restarted empty: the counter starts again, and the limit holds again once it is reached.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sawLimit = false;
        while (!sawLimit)
        {
            var (response, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
            sawLimit = (int)response.StatusCode == 429 && ReadyRedisState(await gateway.Client.GetStringAsync("readyz")) == "reachable";
            await Task.Delay(50, bound.Token);
        }
    }

    [Fact]
    public async Task RedisDownWithFailClosed_RefusesRequests()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Redis:Configuration", _redis.Configuration),
            ("RateLimiting:Redis:FailureMode", "Closed")), relaxedPolicies: false);
        await _redis.KillAsync();

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
        var ready = await gateway.Client.GetAsync("readyz");
        Assert.Equal(503, (int)ready.StatusCode);
    }

    /// <summary>Issue 18: every window a request charges (ip, key, tenant) in one Redis round trip, accepted or refused.</summary>
    [Fact]
    public async Task EachRequest_MakesOneRedisRoundTrip_ForAllItsWindows()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Redis:Configuration", _redis.Configuration),
            ("RateLimiting:Policies:default:PerIp:PermitLimit", "1000"),
            ("RateLimiting:Policies:default:PerKey:Kind", "SlidingWindow"),
            ("RateLimiting:Policies:default:PerKey:PermitLimit", "1000"),
            ("RateLimiting:Policies:default:PerTenant:PermitLimit", "8")), relaxedPolicies: false);
        var (warm, warmBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Envelope.AssertSuccess(warm, warmBody);
        var statuses = new List<int>();
        (HttpResponseMessage Response, System.Text.Json.JsonElement Body) wrongKey = default;
        var commands = await _redis.MonitorAsync(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var (response, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
                statuses.Add((int)response.StatusCode);
            }

            wrongKey = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat("bk_wrong_key_xxxxxxxxxxxxxxxxxxxxxx", Psid.New()));
        });

        // Seven admitted (the tenant's eighth permit went to the warm-up), three refused by the tenant window, one wrong key.
        Assert.Equal(7, statuses.Count(s => s == 200));
        Assert.Equal(3, statuses.Count(s => s == 429));
        Envelope.AssertFailure(wrongKey.Response!, wrongKey.Body, 401, "BRIDGE_AUTH_ERROR");

        // One script call per request; nothing else from the gateway (a keep-alive PING aside).
        var fromGateway = commands.Where(c => !c.Contains("\"PING\"", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(11, fromGateway.Count(c => c.Contains("\"EVAL", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(11, fromGateway.Count);
    }

    private static string? ReadyRedisState(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("checks").GetProperty("policies").GetProperty("redis").GetString();
}
