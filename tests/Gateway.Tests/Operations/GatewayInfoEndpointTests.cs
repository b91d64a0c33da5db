using System.Net;
using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>GET /_gateway/info: the web page learns from the server whether it runs in simulator mode.</summary>
public sealed class GatewayInfoEndpointTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Info_ReportsSimulatorModeFromConfiguration_WithoutCookieAndWithoutSecrets(string? simulatorMode, bool expected)
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Gateway:SimulatorMode"] = simulatorMode });

        using var response = await gateway.Client.GetAsync("_gateway/info");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var document = JsonDocument.Parse(text);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["simulator", "version"], names);
        Assert.Equal(expected, document.RootElement.GetProperty("simulator").GetBoolean());
        Assert.Matches(@"^\d+\.\d+\.\d+", document.RootElement.GetProperty("version").GetString());
        Assert.DoesNotContain(_simulator.BaseAddress.Authority, text, StringComparison.Ordinal);
        Assert.Empty(_simulator.State.Requests);
    }
}
