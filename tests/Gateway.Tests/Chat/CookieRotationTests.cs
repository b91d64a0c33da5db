using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Chat;

/// <summary>Google rotates __Secure-1PSIDTS; the stateless gateway hands every new value back to the caller.</summary>
public sealed class CookieRotationTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public CookieRotationTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Chat_UpstreamSetsNewPsidts_ReturnsItInResponseHeader()
    {
        var psid = Psid.New();
        _fixture.Simulator.State.Account(psid).RotatePsidtsOnEveryCall = true;

        var (response, body) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(psid, new { prompt = "hi" }, psidts: "sidts-OLD-0001"));

        Envelope.AssertSuccess(response, body);
        var rotated = Assert.Single(response.Headers.GetValues("x-gemini-psidts-next"));
        Assert.StartsWith("sidts-SIM-", rotated, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Chat_NoRotation_SendsNoRotationHeader()
    {
        var (response, _) = await ChatCalls.SendAsync(_fixture.Gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "hi" }, psidts: "sidts-OLD-0002"));

        Assert.False(response.Headers.Contains("x-gemini-psidts-next"));
    }

    [Fact]
    public async Task Rotate_CallsRotateCookies_ReturnsNewPsidtsInBodyAndHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/session/rotate");
        request.Headers.Add("x-gemini-psid", Psid.New());
        request.Headers.Add("x-gemini-psidts", "sidts-OLD-0003");

        var (response, body) = await ChatCalls.SendAsync(_fixture.Gateway.Client, request);

        var data = Envelope.AssertSuccess(response, body);
        Assert.True(data.GetProperty("rotated").GetBoolean());
        var value = data.GetProperty("psidts").GetString();
        Assert.StartsWith("sidts-SIM-", value, StringComparison.Ordinal);
        Assert.Equal(value, response.Headers.GetValues("x-gemini-psidts-next").Single());
    }

    [Fact]
    public async Task Rotate_RevokedCookies_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Simulator.State.Account(psid).Scenario = AccountScenario.Revoked;
        var request = new HttpRequestMessage(HttpMethod.Post, "api/session/rotate");
        request.Headers.Add("x-gemini-psid", psid);

        var (response, body) = await ChatCalls.SendAsync(_fixture.Gateway.Client, request);

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }
}
