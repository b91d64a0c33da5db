using System.Net;
using System.Net.Sockets;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// The simulator, a gateway with short upstream timeouts (so stalls end in TIMEOUT within seconds) and a
/// gateway whose upstream is a closed port (connection refused).
/// </summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    /// <summary>Connect (+ response headers) and idle budget of the matrix host; a stall is anything longer.</summary>
    public static readonly TimeSpan UpstreamBudget = TimeSpan.FromSeconds(1.5);

    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public GatewayHost Refused { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DefaultFrameCount = 4 });
        var settings = new Dictionary<string, string?>
        {
            ["GeminiWeb:Timeouts:Connect"] = UpstreamBudget.ToString(),
            ["GeminiWeb:Timeouts:Idle"] = UpstreamBudget.ToString(),
            ["GeminiWeb:Timeouts:Total"] = "00:00:30",
            ["Features:DeepResearch:PollInterval"] = "00:00:00.010",
        };
        Gateway = await GatewayHost.StartAsync(Simulator.BaseAddress, settings);
        Refused = await GatewayHost.StartAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/"), settings);
    }

    public async Task DisposeAsync()
    {
        await Refused.DisposeAsync();
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>A loopback port that was just free: nothing listens there, so connecting is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
