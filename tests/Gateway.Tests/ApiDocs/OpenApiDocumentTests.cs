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
        foreach (var route in routes.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Where(r => r.Value.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty("Bridge", out var bridge)
                && bridge.GetString() != "openai.responses.stored"))
        {
            // Bridge routes only: a forwarded route (the image download) answers Google's bytes, documented in docs/protocol-fidelity.md;
            // GET/DELETE /v1/responses/{id} only ever answer a clear 404 (nothing is stored), documented in docs/compat-apis.md.
            // A catch-all route ({**rest}) is documented as the paths it serves (a list, an item, model:method).
            var routePath = route.Value.GetProperty("Match").GetProperty("Path").GetString()!;
            var prefix = routePath.Contains("{**", StringComparison.Ordinal) ? routePath[..routePath.IndexOf("{**", StringComparison.Ordinal)].TrimEnd('/') : routePath;
            foreach (var method in route.Value.GetProperty("Match").GetProperty("Methods").EnumerateArray())
            {
                var documented = paths.EnumerateObject()
                    .Where(p => (p.Name == prefix || (prefix != routePath && p.Name.StartsWith(prefix + "/", StringComparison.Ordinal))) && p.Value.TryGetProperty(method.GetString()!.ToLowerInvariant(), out _))
                    .Select(p => p.Value.GetProperty(method.GetString()!.ToLowerInvariant()))
                    .ToList();
                Assert.True(documented.Count > 0, $"route {route.Name} ({routePath} {method}) is not documented");
                foreach (var operation in documented)
                {
                    Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.TryGetProperty("$ref", out var r) && r.GetString() == "#/components/parameters/psid");
                    Assert.Contains(operation.GetProperty("responses").EnumerateObject(), r => r.Name is "200" or "201");
                }
            }
        }

        Assert.Equal("x-gemini-psid", root.GetProperty("components").GetProperty("parameters").GetProperty("psid").GetProperty("name").GetString());

        var chat = paths.GetProperty("/api/chat").GetProperty("post");
        var body = root.GetProperty("components").GetProperty("schemas").GetProperty("ChatRequestDocument");
        Assert.Equal(["prompt"], body.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("properties").TryGetProperty("extended_thinking", out _));
        Assert.True(chat.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        var data = chat.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").GetProperty("data");
        Assert.Equal("#/components/schemas/ChatResult", data.GetProperty("$ref").GetString());
        Assert.True(root.GetProperty("components").GetProperty("schemas").GetProperty("ChatResult").GetProperty("properties").TryGetProperty("conversation", out _));

        Assert.Equal("#/components/schemas/ErrorEnvelope", chat.GetProperty("responses").GetProperty("429").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var codes = root.GetProperty("components").GetProperty("schemas").GetProperty("ErrorEnvelope")
            .GetProperty("properties").GetProperty("error").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var code in new[] { "MISSING_GEMINI_CREDENTIALS", "INVALID_GEMINI_CREDENTIALS", "BRIDGE_AUTH_ERROR", "INVALID_BODY", "GEMINI_AUTH_ERROR", "USAGE_LIMIT_EXCEEDED", "MODEL_INVALID", "TIMEOUT", "TEMPORARILY_BLOCKED", "API_ERROR", "INTERNAL_ERROR" })
        {
            Assert.Contains(code, codes);
        }
    }

    [Fact]
    public async Task OpenApiDocument_IsExactWhereGeneratedClientsBroke()
    {
        using var document = JsonDocument.Parse(await _fixture.Gateway.Client.GetStringAsync("openapi/v1.json"));
        var root = document.RootElement;
        var paths = root.GetProperty("paths");
        var schemas = root.GetProperty("components").GetProperty("schemas");

        // A boolean const, not the string "true"; enums as their wire strings.
        var chat = paths.GetProperty("/api/chat").GetProperty("post");
        var envelope = chat.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(JsonValueKind.True, envelope.GetProperty("properties").GetProperty("success").GetProperty("const").ValueKind);
        Assert.Equal(JsonValueKind.False, schemas.GetProperty("ErrorEnvelope").GetProperty("properties").GetProperty("success").GetProperty("const").ValueKind);
        Assert.Equal(["web", "generated"], schemas.GetProperty("ChatImage").GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        // Request bodies: JSON and multipart for chat, base64 files, and the gems / research writes.
        var chatBody = chat.GetProperty("requestBody").GetProperty("content");
        Assert.True(chatBody.TryGetProperty("multipart/form-data", out _));
        Assert.True(schemas.GetProperty("ChatRequestDocument").GetProperty("properties").TryGetProperty("files", out _));
        Assert.Equal("gemini-3-flash", chatBody.GetProperty("application/json").GetProperty("example").GetProperty("model").GetString());
        foreach (var (path, method) in new[] { ("/api/gems", "post"), ("/api/gems/{id}", "put"), ("/api/research", "post") })
        {
            Assert.True(paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _), $"{method} {path}");
        }

        Assert.True(paths.GetProperty("/api/gems").GetProperty("post").GetProperty("responses").TryGetProperty("201", out _));

        // Event streams where they are, and only there.
        var events = paths.GetProperty("/api/research/{id}/events").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal(["text/event-stream"], events.EnumerateObject().Select(p => p.Name));
        var model = paths.GetProperty("/v1/models/{id}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal(["application/json"], model.EnumerateObject().Select(p => p.Name));

        // The compatible surfaces' lists, answers and errors in their own shapes.
        Assert.True(paths.TryGetProperty("/v1/models", out _));
        Assert.True(paths.TryGetProperty("/v1beta/models", out _));
        Assert.True(paths.TryGetProperty("/v1beta/models/{model}:generateContent", out _));
        var completions = paths.GetProperty("/v1/chat/completions").GetProperty("post").GetProperty("responses");
        Assert.Equal("#/components/schemas/OpenAiChatCompletionDocument", completions.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/OpenAiError", completions.GetProperty("401").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/GeminiApiError", paths.GetProperty("/v1beta/models").GetProperty("get").GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());

        // Unique operation ids, readable summaries, every data typed.
        var ids = new List<string>();
        foreach (var item in paths.EnumerateObject())
        {
            foreach (var operation in item.Value.EnumerateObject())
            {
                ids.Add(operation.Value.GetProperty("operationId").GetString()!);
                Assert.DoesNotContain("bridge operation", operation.Value.GetProperty("description").GetString()!, StringComparison.Ordinal);
                var success = operation.Value.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
                Assert.True(success.GetProperty("headers").TryGetProperty("x-request-id", out _));
                if (success.GetProperty("content").TryGetProperty("application/json", out var json) && json.GetProperty("schema").TryGetProperty("properties", out var properties))
                {
                    var data = properties.GetProperty("data");
                    Assert.False(data.TryGetProperty("type", out var type) && type.GetString() == "object" && !data.TryGetProperty("properties", out _), $"{item.Name}: bare data object");
                }
            }
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(paths.GetProperty("/api/quota").GetProperty("get").GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.False(root.GetProperty("servers")[0].GetProperty("url").GetString()!.EndsWith('/'));
        Assert.Equal("Anthropic compatible", paths.GetProperty("/v1/messages").GetProperty("post").GetProperty("tags")[0].GetString());
        Assert.Equal("OpenAI compatible", paths.GetProperty("/v1/responses").GetProperty("post").GetProperty("tags")[0].GetString());
    }

    [Fact]
    public async Task DocsPage_ShowsTheProductOnly()
    {
        var html = await _fixture.Gateway.Client.GetStringAsync("docs/");

        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"_integration\":\"dotnet\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);

        // Zod is told jitless before scalar.js runs: no eval probe for the CSP to refuse (tests/browser/docs.test.mjs).
        var jitless = html.IndexOf("globalThis.__zod_globalConfig = { jitless: true };", StringComparison.Ordinal);
        Assert.InRange(jitless, 0, html.IndexOf("scalar.js", StringComparison.Ordinal));
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
