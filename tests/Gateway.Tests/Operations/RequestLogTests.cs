using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>
/// One structured line per request (category Gateway.Requests: event 5201 RequestAnswered, 5203 StreamAnswered with
/// the time to the first event) and the JSON console switch.
/// </summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task EachRequest_WritesOneLineWithRouteTenantStatusCodeAndDurations()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);
        var psid = Psid.New();

        var (plain, plainBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "plain" }));
        using var stream = await gateway.Client.SendAsync(ChatCalls.Chat(psid, new { prompt = "stream", stream = true }));
        await stream.Content.ReadAsStringAsync();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });
        var (limited, _) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "limit" }));
        await gateway.DisposeAsync();

        Envelope.AssertSuccess(plain, plainBody);
        var lines = gateway.Logs.Lines.Where(l => (l.Contains("Gateway.Requests[5201]", StringComparison.Ordinal) || l.Contains("Gateway.Requests[5203]", StringComparison.Ordinal))).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Contains("RouteId=chat", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("TenantId=", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches("DurationMs=[0-9]", l));
        Assert.Contains(lines, l => l.Contains("StatusCode=200", StringComparison.Ordinal) && l.Contains("ErrorCode=- ", StringComparison.Ordinal) && l.Contains("IsStream=False", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("IsStream=True", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, "FirstEventMs=[0-9]"));
        Assert.Contains(lines, l => l.Contains($"StatusCode={(int)limited.StatusCode}", StringComparison.Ordinal) && l.Contains("ErrorCode=USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(psid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonConsoleFormatter_SwitchedByConfiguration_WritesEachLogAsOneJsonObject()
    {
        await using var gateway = await GatewayProcess.StartAsync(_simulator.BaseAddress, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Gateway.Requests"] = "Information",
        });
        using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = Bound };

        using var response = await client.SendAsync(ChatCalls.Chat(Psid.New(), new { prompt = "json logs" }));
        var line = await gateway.WaitForOutputAsync(l => l.Contains("\"EventId\":5201", StringComparison.Ordinal) && l.Contains("\"RouteId\":\"chat\"", StringComparison.Ordinal)).WaitAsync(Bound);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(5201, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Gateway.Requests", root.GetProperty("Category").GetString());
        var state = root.GetProperty("State");
        Assert.Equal("chat", state.GetProperty("RouteId").GetString());
        Assert.Equal("200", state.GetProperty("StatusCode").ToString());
    }
}
