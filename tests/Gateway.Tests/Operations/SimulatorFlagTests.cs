using System.Net.Sockets;

namespace Gateway.Tests.Operations;

/// <summary><c>--simulator</c> followed by configuration keys: the keys are honoured, not swallowed as the flag's value.</summary>
public sealed class SimulatorFlagTests
{
    [Fact]
    public async Task SimulatorFlag_FollowedByAConfigKey_HonoursTheKey()
    {
        var port = FreePort();
        await using var app = await GatewayApp.CreateAsync(["--simulator", "--Telemetry:Prometheus:Enabled=true", "--urls", $"http://127.0.0.1:{port}"]);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var metrics = await client.GetAsync("metrics");
            Assert.Equal(200, (int)metrics.StatusCode);
            Assert.Equal("true", app.Configuration[Hosting.SimulatorMode.ActiveKey]);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
