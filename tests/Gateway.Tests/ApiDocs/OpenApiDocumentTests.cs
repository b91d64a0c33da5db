using System.Text.Json;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.ApiDocs;

public sealed class OpenApiDocumentTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public OpenApiDocumentTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryBridgeRouteWithHeadersEnvelopeAndErrors()
    {
        using var document = JsonDocument.Parse(await _fixture.Gateway.Client.GetStringAsync("openapi/v1.json"));
        var root = document.RootElement;
        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        using var routes = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "config", "reverse-proxy.json")));
        var paths = root.GetProperty("paths");
        foreach (var route in routes.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject())
        {
            var path = route.Value.GetProperty("Match").GetProperty("Path").GetString()!.Replace("{**", "{", StringComparison.Ordinal);
            Assert.True(paths.TryGetProperty(path, out var item), $"route {route.Name} ({path}) is not documented");
            foreach (var method in route.Value.GetProperty("Match").GetProperty("Methods").EnumerateArray())
            {
                var operation = item.GetProperty(method.GetString()!.ToLowerInvariant());
                Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "x-gemini-psid");
                Assert.True(operation.GetProperty("responses").TryGetProperty("200", out _));
            }
        }

        var chat = paths.GetProperty("/api/chat").GetProperty("post");
        var body = chat.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["prompt"], body.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("properties").TryGetProperty("extended_thinking", out _));
        Assert.True(chat.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        var data = chat.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").GetProperty("data");
        Assert.True(data.GetProperty("properties").TryGetProperty("conversation", out _));

        var codes = chat.GetProperty("responses").GetProperty("429").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("error").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var code in new[] { "MISSING_GEMINI_CREDENTIALS", "INVALID_GEMINI_CREDENTIALS", "BRIDGE_AUTH_ERROR", "INVALID_BODY", "GEMINI_AUTH_ERROR", "USAGE_LIMIT_EXCEEDED", "MODEL_INVALID", "TIMEOUT", "TEMPORARILY_BLOCKED", "API_ERROR", "INTERNAL_ERROR" })
        {
            Assert.Contains(code, codes);
        }
    }

    [Fact]
    public async Task DocsPage_IsServedLocally()
    {
        var page = await _fixture.Gateway.Client.GetAsync("docs/");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("scalar.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
        Assert.Equal(200, (int)(await _fixture.Gateway.Client.GetAsync("docs/scalar.js")).StatusCode);
        Assert.Equal(200, (int)(await _fixture.Gateway.Client.GetAsync("docs/openapi/v1.json")).StatusCode);
    }
}
