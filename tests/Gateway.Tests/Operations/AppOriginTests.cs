using BridgeEngine.Protocol;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>The Gemini app origin is configured once, as the YARP cluster's destination.</summary>
public sealed class AppOriginTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task EngineOptions_TakeTheClusterDestination()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);

        var options = gateway.Services.GetRequiredService<IOptionsMonitor<GeminiWebOptions>>().CurrentValue;

        Assert.Equal(_simulator.BaseAddress, options.AppBaseUrl);
    }

    [Fact]
    public async Task ASecondAppOriginSetting_StopsTheStartNamingBothPlaces()
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () => await (await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["GeminiWeb:AppBaseUrl"] = "https://elsewhere.example/",
        })).DisposeAsync());

        Assert.Contains("GeminiWeb:AppBaseUrl is not read", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReverseProxy:Clusters:gemini-web:Destinations", error.Message, StringComparison.Ordinal);
    }

    // An empty Address YARP refuses itself ("No address found for destination").
    [Theory]
    [InlineData("gemini.google.com")]
    [InlineData("ftp://gemini.google.com/")]
    public async Task AClusterWithoutAUsableDestination_StopsTheStart_InsteadOfFallingBackToGoogle(string? address)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () => await (await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:gemini-web:Destinations:primary:Address"] = address,
        })).DisposeAsync());

        Assert.Contains("needs a destination whose Address is an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }
}
