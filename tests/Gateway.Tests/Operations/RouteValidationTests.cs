using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Policies;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>Route metadata is a contract: a bad value stops the start naming route and key; a bad reload keeps the routes that worked.</summary>
public sealed class RouteValidationTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData("Bridge", "no-such-operation", "ReverseProxy:Routes:broken:Metadata:Bridge names unknown operation 'no-such-operation'")]
    [InlineData("RateLimitPolicy", "no-such-policy", "ReverseProxy:Routes:broken:Metadata:RateLimitPolicy names unknown policy 'no-such-policy'")]
    [InlineData("ErrorShape", "soap", "ReverseProxy:Routes:broken:Metadata:ErrorShape names unknown error shape 'soap'")]
    [InlineData("Auth", "Maybe", "ReverseProxy:Routes:broken:Metadata:Auth must be ApiKey or Anonymous")]
    [InlineData("Bridg", "chat", "ReverseProxy:Routes:broken:Metadata:Bridg is not a known metadata key")]
    public async Task BadRouteMetadata_StopsTheStartNamingRouteAndKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:broken:ClusterId"] = "gemini-web",
            ["ReverseProxy:Routes:broken:Match:Path"] = "/api/broken",
            [$"ReverseProxy:Routes:broken:Metadata:{key}"] = value,
        };
        if (key != "Bridge" && key != "Bridg")
        {
            settings["ReverseProxy:Routes:broken:Metadata:Bridge"] = "chat";
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await GatewayHost.StartAsync(_simulator.BaseAddress, settings)).DisposeAsync());

        Assert.Contains(expected, Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResearchRouteWithUnknownAction_StopsTheStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:research-get:Metadata:BridgeAction"] = "fetch",
        })).DisposeAsync());

        Assert.Contains("ReverseProxy:Routes:research-get:Metadata:BridgeAction names unknown action 'fetch' of operation 'research'", Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadReload_KeepsThePreviousRoutes_AndLogsWhy()
    {
        var directory = ConfigDirectory.CopyOfRepositoryConfig();
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, args: [$"--GATEWAY_CONFIG_DIR={directory}"]);

        ConfigDirectory.Patch(directory, "reverse-proxy.json", json => json["ReverseProxy"]!["Routes"]!["chat-v3"] = System.Text.Json.Nodes.JsonNode.Parse("""
            { "ClusterId": "gemini-web", "Match": { "Path": "/api/chat-v3", "Methods": [ "POST" ] }, "Metadata": { "Bridge": "chat-typo" } }
            """));

        // The reload happens on YARP's change callback: its error line is the signal.
        await gateway.Logs.WaitForLineAsync(l => l.Contains("ReverseProxy:Routes:chat-v3:Metadata:Bridge names unknown operation 'chat-typo'", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var (served, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()));
        Envelope.AssertSuccess(served, body);
        var (missing, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()).WithPath("api/chat-v3"));
        Assert.Equal(404, (int)missing.StatusCode);
    }

    private static string Describe(Exception error)
    {
        var text = error.Message;
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException ?? (inner as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            text += " | " + inner.Message;
        }

        return text;
    }
}
