using Gateway.Hosting;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary><c>Compat:Tools:Mode = reject</c>: tools, tool messages and structured output get today's clear 400, and nothing reaches Gemini.</summary>
public sealed class ToolsRejectModeTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Compat:Tools:Mode"] = "reject" }, services => services.AddCompatApis());
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData("tools", """[{"type":"function","function":{"name":"f","parameters":{}}}]""", "tools")]
    [InlineData("tool_choice", "\"required\"", "tool_choice")]
    [InlineData("functions", """[{"name":"f"}]""", "functions")]
    [InlineData("response_format", """{"type":"json_object"}""", "response_format")]
    [InlineData("messages", """[{"role":"user","content":"hi"},{"role":"tool","content":"x","tool_call_id":"1"}]""", "messages[1].role")]
    public async Task OpenAi_RejectMode_Returns400NamingTheParameter(string name, string value, string param)
    {
        var psid = Psid.New();
        var json = name == "messages"
            ? $$"""{"model":"gemini-3-flash","messages":{{value}}}"""
            : $$"""{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"{{name}}":{{value}}}""";

        var (response, body) = await CompatCalls.SendAsync(_gateway.Client, CompatCalls.Post("v1/chat/completions", psid, json));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(param, body.GetProperty("error").GetProperty("param").GetString());
        Assert.Contains("Compat:Tools:Mode = reject", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var hash = _simulator.State.Account(psid).PsidHash;
        Assert.DoesNotContain(_simulator.State.Requests, r => r.PsidHash == hash);
    }

    [Theory]
    [InlineData("tools", """[{"functionDeclarations":[{"name":"f"}]}]""", "tools")]
    [InlineData("toolConfig", """{"functionCallingConfig":{"mode":"ANY"}}""", "toolConfig")]
    [InlineData("generationConfig", """{"responseMimeType":"application/json"}""", "generationConfig.responseMimeType")]
    public async Task GeminiApi_RejectMode_Returns400NamingTheField(string name, string value, string field)
    {
        var json = $$"""{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"{{name}}":{{value}}}""";
        var request = CompatCalls.Post("v1beta/models/gemini-3-flash:generateContent", Psid.New(), json, apiKey: null);

        var (response, body) = await CompatCalls.SendAsync(_gateway.Client, request);

        Assert.Equal(400, (int)response.StatusCode);
        var violation = body.GetProperty("error").GetProperty("details").EnumerateArray()
            .Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest")
            .GetProperty("fieldViolations")[0];
        Assert.Equal(field, violation.GetProperty("field").GetString());
    }
}
