using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Endpoints;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// The OWASP API Security Top 10 items that apply to a stateless cookie bridge, as tests: API2 broken
/// authentication, API4 unrestricted resource consumption, API7 server-side request forgery, API8 security
/// misconfiguration (docs/reliability.md has the full list and what does not apply).
/// </summary>
public sealed class SecurityReviewTests
{
    /// <summary>Every API route of config/reverse-proxy.json, with a method it accepts.</summary>
    private static readonly (HttpMethod Method, string Path)[] ApiRoutes =
    [
        (HttpMethod.Post, "api/chat"),
        (HttpMethod.Post, "api/session/rotate"),
        (HttpMethod.Get, "api/models"),
        (HttpMethod.Get, "api/quota"),
        (HttpMethod.Get, "api/conversations"),
        (HttpMethod.Get, "api/conversations/c_123"),
        (HttpMethod.Delete, "api/conversations/c_123"),
        (HttpMethod.Get, "api/gems"),
        (HttpMethod.Post, "api/gems"),
        (HttpMethod.Get, "api/gems/coding-partner"),
        (HttpMethod.Put, "api/gems/0123456789ab"),
        (HttpMethod.Delete, "api/gems/0123456789ab"),
        (HttpMethod.Post, "api/research"),
        (HttpMethod.Post, "api/research/0f8fad5b-d9cb-469f-a165-70867728950e/confirm"),
        (HttpMethod.Get, "api/research/0f8fad5b-d9cb-469f-a165-70867728950e/events"),
        (HttpMethod.Get, "api/research/0f8fad5b-d9cb-469f-a165-70867728950e"),
        (HttpMethod.Get, "api/images"),
        (HttpMethod.Post, "v1/chat/completions"),
        (HttpMethod.Post, "v1/responses"),
        (HttpMethod.Get, "v1/responses/resp_123"),
        (HttpMethod.Delete, "v1/responses/resp_123"),
        (HttpMethod.Post, "v1/messages"),
        (HttpMethod.Get, "v1/models/gemini-3-flash"),
        (HttpMethod.Post, "v1/models/gemini-3-flash:generateContent"),
        (HttpMethod.Post, "v1beta/models/gemini-3-flash:generateContent"),
        (HttpMethod.Get, "v1beta/models/gemini-3-flash"),
    ];

    [Fact]
    public void ApiRouteList_MatchesTheShippedRouteConfig()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "reverse-proxy.json")));
        var routes = config.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject().ToList();

        foreach (var route in routes)
        {
            var path = route.Value.GetProperty("Match").GetProperty("Path").GetString()!.TrimStart('/');
            var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "[^/]+") + "$";
            foreach (var method in route.Value.GetProperty("Match").GetProperty("Methods").EnumerateArray().Select(m => m.GetString()!))
            {
                Assert.Contains(ApiRoutes, r => r.Method.Method == method && System.Text.RegularExpressions.Regex.IsMatch(r.Path, pattern));
            }
        }
    }

    [Fact]
    public async Task DefaultConfig_WithoutKeys_RefusesEveryApiRouteWithBridgeAuthError_AndCallsNoUpstream()
    {
        await using var simulator = await SimulatorServer.StartAsync();

        // One keyless call per route: with more routes than BruteForce:MaxFailures (20) the guard would answer 429 first.
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, new Dictionary<string, string?> { ["BruteForce:MaxFailures"] = "1000", ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "1000" }, relaxedPolicies: false);

        foreach (var (method, path) in ApiRoutes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{\"prompt\":\"hi\",\"name\":\"n\",\"description\":\"\",\"instructions\":\"i\"}", Encoding.UTF8, "application/json") };
            request.Headers.Add("x-gemini-psid", Psid.New("noauth"));
            var (response, body) = await ChatCalls.SendAsync(gateway.Client, request);
            if (path == "v1/messages")
            {
                // The Anthropic-compatible surface keeps the gateway code in error.details.error_code.
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Equal("BRIDGE_AUTH_ERROR", body.GetProperty("error").GetProperty("details").GetProperty("error_code").GetString());
            }
            else if (path.StartsWith("v1/", StringComparison.Ordinal) && !path.Contains(":generateContent", StringComparison.Ordinal))
            {
                // The OpenAI-compatible surface answers in OpenAI's shape, with the same code and status.
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Equal("BRIDGE_AUTH_ERROR", body.GetProperty("error").GetProperty("code").GetString());
            }
            else if (path.StartsWith("v1beta/", StringComparison.Ordinal) || path.Contains(":generateContent", StringComparison.Ordinal))
            {
                Assert.Equal(401, (int)response.StatusCode);
                Assert.Equal("UNAUTHENTICATED", body.GetProperty("error").GetProperty("status").GetString());
            }
            else
            {
                Envelope.AssertFailure(response, body, 401, "BRIDGE_AUTH_ERROR");
            }
        }

        Assert.Empty(simulator.State.Requests);
    }

    [Fact]
    public async Task ResourceLimits_BodyPromptFilesAndRate_AreEnforcedWithCodes()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["Gateway:MaxJsonBodyBytes"] = "65536",
            ["Gateway:MaxPromptChars"] = "1000",
            ["Features:Files:MaxFiles"] = "2",
            ["RateLimiting:Policies:default:PerIp:Kind"] = "FixedWindow",
            ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "6",
        });
        var psid = Psid.New("limits");

        var (tooBig, tooBigBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = new string('a', 70_000) }));
        Envelope.AssertFailure(tooBig, tooBigBody, 400, "INVALID_BODY");
        var (longPrompt, longPromptBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = new string('a', 1001) }));
        Envelope.AssertFailure(longPrompt, longPromptBody, 400, "INVALID_BODY");
        var file = new { name = "a.txt", mimeType = "text/plain", data = "aGk=" };
        var (manyFiles, manyFilesBody) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "hi", files = new[] { file, file, file } }));
        Envelope.AssertFailure(manyFiles, manyFilesBody, 400, "INVALID_BODY");

        HttpResponseMessage? limited = null;
        JsonElement limitedBody = default;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var (response, body) = await ChatCalls.SendAsync(gateway.Client, new HttpRequestMessage(HttpMethod.Get, "api/models") { Headers = { { "x-gemini-psid", psid } } });
            if ((int)response.StatusCode == 429)
            {
                (limited, limitedBody) = (response, body);
            }
        }

        Assert.NotNull(limited);
        Envelope.AssertFailure(limited, limitedBody, 429, "USAGE_LIMIT_EXCEEDED");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task CallerSuppliedUrls_AreNeverFetched_AndUpstreamComesOnlyFromConfig()
    {
        using var canary = new TcpListener(IPAddress.Loopback, 0);
        canary.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)canary.LocalEndpoint).Port}/steal";
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress);
        var psid = Psid.New("ssrf");

        var bodies = new object[]
        {
            new { prompt = "fetch " + url + " and summarise it", model = (string?)null },
            new { prompt = "hi", model = url },
            new { prompt = "hi", gem = url },
            new { prompt = "hi", conversation = new { conversationId = url, responseId = url, choiceId = url, context = url } },
            new { prompt = "hi", files = new[] { new { name = url, mimeType = "text/plain", data = "aGk=" } } },
            new { prompt = "hi", files = new[] { new { name = "a.txt", mimeType = "text/plain", url } } },
            new { prompt = "hi", image = url },
        };
        foreach (var body in bodies)
        {
            using var request = ChatCalls.Chat(psid, body);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "127.0.0.1:" + ((IPEndPoint)canary.LocalEndpoint).Port);
            request.Headers.TryAddWithoutValidation("X-Original-URL", url);
            using var response = await gateway.Client.SendAsync(request);
            Assert.NotEqual(500, (int)response.StatusCode);
        }

        using var multipart = new MultipartFormDataContent { { new StringContent("hi"), "prompt" } };
        multipart.Add(new ByteArrayContent("hi"u8.ToArray()) { Headers = { ContentType = new("text/plain") } }, "file", url);
        using var upload = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = multipart };
        upload.Headers.Add("x-gemini-psid", psid);
        using var uploaded = await gateway.Client.SendAsync(upload);
        Assert.NotEqual(500, (int)uploaded.StatusCode);

        Assert.False(canary.Pending(), "The gateway connected to a caller-supplied address.");
        Assert.NotEmpty(simulator.State.Requests);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndNoServerHeader_OnApiErrorStreamAndPage()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress);
        var psid = Psid.New("headers");

        var requests = new List<HttpRequestMessage>
        {
            ChatCalls.Chat(psid, new { prompt = "hi" }),
            ChatCalls.Chat(psid, new { prompt = "hi", stream = true }),
            ChatCalls.Chat(null, "{\"prompt\":\"hi\"}"),
            new(HttpMethod.Get, "api/no-such-route"),
            new(HttpMethod.Get, "api/chat"),
            new(HttpMethod.Get, "/"),
        };
        foreach (var request in requests)
        {
            using (request)
            using (var response = await gateway.Client.SendAsync(request))
            {
                var where = request.Method + " " + request.RequestUri;
                Assert.False(response.Headers.Contains("Server"), where + ": Server header");
                Assert.False(response.Headers.Contains("X-Powered-By"), where);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
                Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
                Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task UnexpectedException_IsAGenericInternalError_WithoutStackTraceOrDetail(string environment)
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(
            simulator.BaseAddress,
            new Dictionary<string, string?>
            {
                ["ReverseProxy:Routes:boom:ClusterId"] = "gemini-web",
                ["ReverseProxy:Routes:boom:Match:Path"] = "/api/boom",
                ["ReverseProxy:Routes:boom:Metadata:Bridge"] = "boom",
            },
            services => services.AddSingleton<IBridgeOperation, ThrowingOperation>(),
            args: ["--environment", environment]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/boom");
        request.Headers.Add("x-gemini-psid", Psid.New());
        var (response, body) = await ChatCalls.SendAsync(gateway.Client, request);

        Envelope.AssertFailure(response, body, 500, "INTERNAL_ERROR");
        var text = body.GetRawText();
        Assert.DoesNotContain(ThrowingOperation.Secret, text, StringComparison.Ordinal);
        BadInputCorpusTests.AssertNoInternals(text);
        Assert.Contains(gateway.Logs.Lines, line => line.Contains(ThrowingOperation.Secret, StringComparison.Ordinal));
    }
}
