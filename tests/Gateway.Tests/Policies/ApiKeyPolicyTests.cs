using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Policies;

public sealed class ApiKeyPolicyTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("Auth:Tenants:team-b:Models:0", "gemini-3-flash"),
            ("Auth:Tenants:team-b:Operations:0", "chat")), relaxedPolicies: false);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Chat_NoApiKey_ReturnsBridgeAuthErrorAndNothingGoesUpstream()
    {
        var before = _simulator.State.Requests.Count;
        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, PolicyHosts.Chat(null, Psid.New()));

        Envelope.AssertFailure(response, body, 401, "BRIDGE_AUTH_ERROR");
        Assert.Equal(before, _simulator.State.Requests.Count);
    }

    [Fact]
    public async Task Chat_WrongApiKey_ReturnsBridgeAuthError()
    {
        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, PolicyHosts.Chat("bk_test_not-a-real-key-0000000000000", Psid.New()));

        Envelope.AssertFailure(response, body, 401, "BRIDGE_AUTH_ERROR");
    }

    [Theory]
    [InlineData(PolicyHosts.KeyA)]
    [InlineData(PolicyHosts.KeyB)]
    public async Task Chat_EitherKeyOfTenantDuringRotation_IsAccepted(string key)
    {
        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, PolicyHosts.Chat(key, Psid.New()));

        Envelope.AssertSuccess(response, body);
    }

    [Fact]
    public async Task Chat_KeyAsBearerToken_IsAccepted()
    {
        var request = PolicyHosts.Chat(null, Psid.New());
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PolicyHosts.KeyA);

        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, request);

        Envelope.AssertSuccess(response, body);
    }

    [Fact]
    public async Task Chat_TenantRestrictedToModels_OtherModelIsModelInvalid()
    {
        var (allowed, okBody) = await ChatCalls.SendAsync(_gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New(), new { prompt = "hi", model = "gemini-3-flash" }));
        Envelope.AssertSuccess(allowed, okBody);

        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New(), new { prompt = "hi", model = "gemini-3-pro" }));

        Envelope.AssertFailure(response, body, 400, "MODEL_INVALID");
    }

    [Fact]
    public async Task Rotate_TenantRestrictedToChat_IsRefused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/session/rotate");
        request.Headers.Add("x-bridge-api-key", PolicyHosts.OtherTenantKey);
        request.Headers.Add("x-gemini-psid", Psid.New());

        var (response, body) = await ChatCalls.SendAsync(_gateway.Client, request);

        Envelope.AssertFailure(response, body, 401, "BRIDGE_AUTH_ERROR");
        Assert.Contains("session.rotate", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysAndCookies_NeverAppearInLogsOrAnswers()
    {
        var psid = "g.a000KEYLEAKpsidZ9Y8X7W6V5U4T3S2R1Q0";
        var answers = new System.Text.StringBuilder();
        foreach (var request in new[]
        {
            PolicyHosts.Chat(PolicyHosts.KeyA, psid),
            PolicyHosts.Chat(PolicyHosts.KeyB, psid, new { prompt = "s", stream = true }),
            PolicyHosts.Chat("bk_test_WRONGWRONGWRONGWRONGWRONG_key", psid),
            PolicyHosts.Chat(PolicyHosts.OtherTenantKey, psid, new { prompt = "hi", model = "gemini-3-pro" }),
        })
        {
            var response = await _gateway.Client.SendAsync(request);
            answers.Append(await response.Content.ReadAsStringAsync());
        }

        var logs = string.Join("\n", _gateway.Logs.Lines) + answers;
        foreach (var secret in new[] { PolicyHosts.KeyA, PolicyHosts.KeyB, PolicyHosts.OtherTenantKey, "bk_test_WRONGWRONGWRONGWRONGWRONG_key", psid })
        {
            for (var i = 8; i + 8 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 8), logs, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task PlainKeyInJsonConfigFile_StopsTheStartNamingTheKey()
    {
        var directory = ConfigDirectory.CopyOfRepositoryConfig();
        ConfigDirectory.Patch(directory, "appsettings.json", json => json["Auth"] = new System.Text.Json.Nodes.JsonObject
        {
            ["Tenants"] = new System.Text.Json.Nodes.JsonObject { ["team-x"] = new System.Text.Json.Nodes.JsonObject { ["Keys"] = new System.Text.Json.Nodes.JsonArray("bk_plain_key_in_a_file_000000000") } },
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(_simulator.BaseAddress, relaxedPolicies: false, args: [$"--GATEWAY_CONFIG_DIR={directory}"]));

        Assert.Contains("Auth:Tenants:team-x:Keys", error.Message, StringComparison.Ordinal);
    }
}
