using Gateway.Tests.Policies;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>The simulator, a gateway with auth off (most cases) and one with API keys on (key-header cases).</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayHost Open { get; private set; } = null!;

    public GatewayHost Auth { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync();
        Open = await GatewayHost.StartAsync(Simulator.BaseAddress);
        Auth = await GatewayHost.StartAsync(Simulator.BaseAddress, PolicyHosts.WithKeys(), relaxedPolicies: false);
    }

    public async Task DisposeAsync()
    {
        await Auth.DisposeAsync();
        await Open.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
