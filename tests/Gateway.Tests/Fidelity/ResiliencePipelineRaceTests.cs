using System.Net;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>
/// Issue 17 item 2: on a fresh start hit by concurrent first requests, the per-authority pipeline must be built
/// once, so readiness and the circuit gauge read a live circuit (they once saw a disposed one for good).
/// </summary>
public sealed class ResiliencePipelineRaceTests : IAsyncLifetime
{
    private const int Gateways = 8;
    private const int ConcurrentFirstRequests = 8;
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task FreshGateway_ConcurrentFirstRequests_ReadyAndCircuitGaugePresent()
    {
        for (var round = 0; round < Gateways; round++)
        {
            await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?>
            {
                ["Telemetry:Prometheus:Enabled"] = "true",
                ["Resilience:GeminiWeb:CircuitBreaker:Enabled"] = "true",
            });

            // Released together, so the first upstream calls of the fresh process race for the pipeline.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = Enumerable.Range(0, ConcurrentFirstRequests).Select(async i =>
            {
                await start.Task;
                using var response = await gateway.Client.SendAsync(ChatCalls.Chat(Psid.New(), new { prompt = "first " + i }));
                return response.StatusCode;
            }).ToArray();
            start.SetResult();
            var statuses = await Task.WhenAll(calls);
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            using var ready = await gateway.Client.GetAsync("readyz");
            var report = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"round {round}: /readyz {(int)ready.StatusCode}: {report}");
            Assert.DoesNotContain("disposed", report, StringComparison.OrdinalIgnoreCase);

            var metrics = await gateway.Client.GetStringAsync("metrics");
            Assert.Contains("gateway_upstream_circuit_state{", metrics, StringComparison.Ordinal);
        }
    }
}
