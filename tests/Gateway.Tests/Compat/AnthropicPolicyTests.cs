using System.Text.Json;
using Gateway.Tests.Policies;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>With the gateway's auth on, Anthropic clients' <c>x-api-key</c> is the bridge API key, and policy refusals come in Anthropic's shape.</summary>
public sealed class AnthropicPolicyTests : IAsyncLifetime
{
    private GeminiSimulator.SimulatorServer _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await GeminiSimulator.SimulatorServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(), relaxedPolicies: false);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task XApiKey_IsTheBridgeKey()
    {
        var (response, body) = await CompatCalls.SendAsync(_gateway.Client, AnthropicCalls.Post(Psid.New(), JsonSerializer.Serialize(AnthropicCalls.UserMessage("hi")), apiKey: PolicyHosts.KeyA));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("message", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task XApiKey_Wrong_IsAnAnthropicAuthenticationError()
    {
        var (response, body) = await CompatCalls.SendAsync(_gateway.Client, AnthropicCalls.Post(Psid.New(), JsonSerializer.Serialize(AnthropicCalls.UserMessage("hi")), apiKey: "sk-ant-wrong-0000000000000000"));

        AnthropicCalls.AssertError(response, body, 401, "authentication_error", "BRIDGE_AUTH_ERROR");
    }

    [Fact]
    public async Task Models_WithXApiKey_AnswerTheAnthropicShape_AndRefuseAWrongKeyInIt()
    {
        var good = CompatCalls.Get("v1/models", Psid.New());
        good.Headers.Add("x-api-key", PolicyHosts.KeyA);
        good.Headers.Add("anthropic-version", "2023-06-01");
        var bad = CompatCalls.Get("v1/models", Psid.New());
        bad.Headers.Add("x-api-key", "sk-ant-wrong-0000000000000000");
        bad.Headers.Add("anthropic-version", "2023-06-01");

        var (goodResponse, goodBody) = await CompatCalls.SendAsync(_gateway.Client, good);
        var (badResponse, badBody) = await CompatCalls.SendAsync(_gateway.Client, bad);

        Assert.Equal(200, (int)goodResponse.StatusCode);
        Assert.Equal("model", goodBody.GetProperty("data")[0].GetProperty("type").GetString());
        AnthropicCalls.AssertError(badResponse, badBody, 401, "authentication_error", "BRIDGE_AUTH_ERROR");
    }
}
