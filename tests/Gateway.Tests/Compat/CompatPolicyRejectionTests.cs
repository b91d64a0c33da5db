using System.Text;
using System.Text.Json;
using Gateway.Tests.Policies;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Refusals by the policy steps (API key, limits) come in each surface's own error shape too.</summary>
public sealed class CompatPolicyRejectionTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(("Auth:Tenants:team-b:PerKey:PermitLimit", "1")), relaxedPolicies: false);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private async Task<(int Status, JsonElement Body)> PostAsync(string path, string? bearer, string? googKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-gemini-psid", Psid.New("compat-policy"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (googKey is not null)
        {
            request.Headers.Add("x-goog-api-key", googKey);
        }

        using var response = await _gateway.Client.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task OpenAiSurface_WrongKey_IsAnOpenAiAuthenticationError()
    {
        var (status, body) = await PostAsync("v1/chat/completions", "sk-wrong-key-0000000000000000", null, """{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(401, status);
        Assert.Equal("authentication_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("BRIDGE_AUTH_ERROR", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenAiSurface_KeyOverItsLimit_IsAnOpenAiRateLimitError()
    {
        const string body = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}]}""";
        await PostAsync("v1/chat/completions", PolicyHosts.OtherTenantKey, null, body);

        var (status, error) = await PostAsync("v1/chat/completions", PolicyHosts.OtherTenantKey, null, body);

        Assert.Equal(429, status);
        Assert.Equal("rate_limit_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("USAGE_LIMIT_EXCEEDED", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GeminiSurface_WrongKey_IsAGoogleUnauthenticatedError()
    {
        var (status, body) = await PostAsync("v1beta/models/gemini-3-flash:generateContent", null, "goog-wrong-key-00000000000000", """{"contents":[{"parts":[{"text":"hi"}]}]}""");

        Assert.Equal(401, status);
        Assert.Equal(401, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("error").GetProperty("status").GetString());
    }
}
