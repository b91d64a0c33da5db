using System.Net;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>The Prometheus scrape endpoint, switched by Telemetry:Prometheus:Enabled.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Metrics_PrometheusEnabled_ScrapeShowsGatewayEngineAndPolicyMetrics()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus:Enabled"] = "true",
            ["RateLimiting:Policies:default:PerIp:Kind"] = "FixedWindow",
            ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "2",
            ["Resilience:GeminiWeb:CircuitBreaker:Enabled"] = "true",
        });
        using var stream = await gateway.Client.SendAsync(ChatCalls.Chat(Psid.New(), new { prompt = "count me", stream = true }));
        await stream.Content.ReadAsStringAsync();
        await gateway.Client.SendAsync(ChatCalls.Chat(Psid.New(), new { prompt = "second" }));
        using var refused = await gateway.Client.SendAsync(ChatCalls.Chat(Psid.New(), new { prompt = "over the limit" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        var text = await gateway.Client.GetStringAsync("metrics");

        foreach (var name in new[]
        {
            "gateway_requests_total", "gateway_request_duration_seconds_bucket", "gateway_stream_time_to_first_event_seconds_bucket",
            "gateway_streams_open", "gateway_rate_limit_rejections_total", "gateway_upstream_block_active", "gateway_upstream_circuit_state",
            "bridge_upstream_duration_seconds_bucket", "bridge_upstream_requests_total",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.Contains("error_code=\"USAGE_LIMIT_EXCEEDED\"", text, StringComparison.Ordinal);
        Assert.Contains("gateway_route=\"chat\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_PrometheusOff_HasNoScrapeEndpoint()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);

        using var response = await gateway.Client.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
