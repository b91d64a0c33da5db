using Gateway.Hosting;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

/// <summary>
/// One simulator and one gateway with the account features registered (as GatewayApp will, via AddAccountFeatures),
/// small file limits and a tiny research poll interval so tests never wait.
/// </summary>
public sealed class FeaturesFixture : IAsyncLifetime
{
    public const long MaxFileBytes = 256 * 1024;
    public const int MaxFiles = 3;
    public const long MaxTotalBytes = 512 * 1024;

    public SimulatorServer Simulator { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public HttpClient Client => Gateway.Client;

    public SimulatorState Sim => Simulator.State;

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync();
        Gateway = await GatewayHost.StartAsync(
            Simulator.BaseAddress,
            new Dictionary<string, string?>
            {
                ["Features:Files:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Features:Files:MaxFiles"] = MaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Features:Files:MaxTotalBytes"] = MaxTotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Features:DeepResearch:PollInterval"] = "00:00:00.010",
            },
            services => services.AddAccountFeatures());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
