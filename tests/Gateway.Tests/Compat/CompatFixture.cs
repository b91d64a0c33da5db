using Gateway.Hosting;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// One simulator and one gateway with the compatible surfaces registered (as GatewayApp does through AddCompatApis;
/// calling it again here is harmless, everything is TryAdd). Tests isolate themselves with their own cookie values.
/// </summary>
public sealed class CompatFixture : IAsyncLifetime
{
    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public SimulatorState Sim => Simulator.State;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync();
        Gateway = await GatewayHost.StartAsync(Simulator.BaseAddress, services: services => services.AddCompatApis());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
