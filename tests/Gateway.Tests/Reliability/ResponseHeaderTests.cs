using Gateway.Hosting;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>Issue 17 item 7: API answers are never cached; only the docs page itself has the relaxed CSP.</summary>
public sealed class ResponseHeaderTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "api/models", true)]
    [InlineData("GET", "api/models", false)]
    [InlineData("GET", "api/no-such-route", true)]
    [InlineData("POST", "api/chat", false)]
    [InlineData("GET", "v1/models", true)]
    [InlineData("GET", "v1beta/models", true)]
    [InlineData("DELETE", "api/models", true)]
    public async Task ApiAnswers_SuccessesAndErrors_CarryNoStore(string method, string path, bool withCookie)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (withCookie)
        {
            request.Headers.Add("x-gemini-psid", Psid.New());
        }

        using var response = await _gateway.Client.SendAsync(request);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{method} {path}: {(int)response.StatusCode} Cache-Control '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task StreamKeepsItsOwnNoCache()
    {
        using var stream = ChatCalls.Chat(Psid.New(), new { prompt = "hi", stream = true });
        using var sse = await _gateway.Client.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", sse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", sse.Headers.GetValues("Cache-Control").Single());
    }

    [Theory]
    [InlineData("docs/", true)]
    [InlineData("docs/v1", true)]
    [InlineData("docs/scalar.js", false)]
    [InlineData("docs/openapi/v1.json", false)]
    [InlineData("docs/other", false)]
    [InlineData("docs", true)] // redirected to docs/
    [InlineData("", false)]
    [InlineData("api/models", false)]
    public async Task RelaxedCsp_OnlyOnTheDocsPageItself(string path, bool relaxed)
    {
        using var response = await _gateway.Client.GetAsync(path);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

        if (relaxed)
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("'unsafe-inline'", csp, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(WebFrontExtensions.ContentSecurityPolicy, csp);
        }
    }
}
