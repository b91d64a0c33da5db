using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class AccountFeaturesRegistrationTests
{
    [Fact]
    public async Task AddAccountFeatures_CalledTwice_RegistersEachOperationOnce()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, services: services => services.AddAccountFeatures().AddAccountFeatures());

        var (response, body) = await FeatureCalls.GetAsync(gateway.Client, "api/models", Psid.New());

        Envelope.AssertSuccess(response, body);
    }
}
