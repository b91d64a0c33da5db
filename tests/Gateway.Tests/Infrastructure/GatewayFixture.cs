using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Infrastructure;

/// <summary>One simulator and one gateway shared by a test class. Tests isolate themselves with their own cookie values.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync();
        Gateway = await GatewayHost.StartAsync(Simulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
