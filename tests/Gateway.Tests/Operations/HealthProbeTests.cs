using System.Net;
using System.Text.Json;
using GeminiSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>/healthz and /readyz in the shapes Kubernetes probes read: status code first, JSON detail after.</summary>
public sealed class HealthProbeTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(GatewayHost gateway, string path)
    {
        using var response = await gateway.Client.GetAsync(path);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task Readyz_FreshGateway_ReportsConfigAndUpstreamCircuitsWithoutCallingGoogle()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);

        var (live, _) = await GetAsync(gateway, "healthz");
        var (status, body) = await GetAsync(gateway, "readyz");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("config").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("upstream").GetProperty("status").GetString());
        Assert.Empty(_simulator.State.Requests);
    }

    [Fact]
    public async Task Readyz_AfterUpstreamCall_ListsTheClosedCircuit()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Resilience:GeminiWeb:CircuitBreaker:Enabled"] = "true" });
        var (chat, chatBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "hello" }));
        Infrastructure.Envelope.AssertSuccess(chat, chatBody);
        var seen = _simulator.State.Requests.Count;

        var (status, body) = await GetAsync(gateway, "readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        var upstream = body.GetProperty("checks").GetProperty("upstream");
        Assert.Equal("Closed", upstream.GetProperty("circuit:" + _simulator.BaseAddress.GetLeftPart(UriPartial.Authority)).GetString());
        Assert.Equal(seen, _simulator.State.Requests.Count);
    }

    [Fact]
    public async Task Readyz_ConfigInvalidAfterReload_IsUnhealthyAndNamesTheSection()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);
        var configuration = (IConfigurationRoot)gateway.Services.GetRequiredService<IConfiguration>();

        // What a bad edit of config/appsettings.json does once it is reloaded: the value no longer validates.
        configuration["Streaming:HeartbeatInterval"] = "00:00:00";
        try
        {
            configuration.Reload();
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.All(e => e is Microsoft.Extensions.Options.OptionsValidationException))
        {
            // The options monitor re-validates in the reload callback and throws there; the replica keeps running.
        }
        var (status, body) = await GetAsync(gateway, "readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var config = body.GetProperty("checks").GetProperty("config");
        Assert.Equal("Unhealthy", config.GetProperty("status").GetString());
        Assert.Contains("HeartbeatInterval", config.GetProperty("config:Streaming").GetString(), StringComparison.Ordinal);
        Assert.Empty(_simulator.State.Requests);
    }
}
