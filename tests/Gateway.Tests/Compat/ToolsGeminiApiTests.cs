using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Emulated function calling and JSON mode on the Gemini API surface, against the simulator playing the instructions.</summary>
public sealed class ToolsGeminiApiTests : IClassFixture<CompatFixture>
{
    private const string Generate = "v1beta/models/gemini-3-flash:generateContent";
    private const string Stream = "v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse";

    private static readonly object[] Tools =
    [
        new
        {
            functionDeclarations = new object[]
            {
                new
                {
                    name = "get_weather",
                    description = "The weather in a city.",
                    parameters = new { type = "OBJECT", properties = new { city = new { type = "STRING" }, days = new { type = "INTEGER", nullable = true } }, required = new[] { "city" }, propertyOrdering = new[] { "city", "days" } },
                },
                new
                {
                    name = "get_time",
                    parametersJsonSchema = new { type = "object", properties = new { zone = new { type = "string" } }, required = new[] { "zone" } },
                },
            },
        },
    ];

    private readonly CompatFixture _fixture;

    public ToolsGeminiApiTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static HttpRequestMessage Post(string path, string psid, object body)
    {
        var request = CompatCalls.Post(path, psid, JsonSerializer.Serialize(body), apiKey: null);
        request.Headers.TryAddWithoutValidation("x-goog-api-key", "any-key");
        return request;
    }

    private static object User(string text) => new { role = "user", parts = new object[] { new { text } } };

    private int Generates(string psid)
    {
        var hash = _fixture.Sim.Account(psid).PsidHash;
        return _fixture.Sim.Requests.Count(r => r.PsidHash == hash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal));
    }

    private static List<JsonElement> Parts(JsonElement body) => body.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray().ToList();

    [Fact]
    public async Task GenerateContent_FunctionDeclarations_ReturnsFunctionCallParts()
    {
        var body = new { contents = new[] { User("Use get_weather for city=Madrid") }, tools = Tools };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(Parts(json), p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Madrid", call.GetProperty("args").GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Number, call.GetProperty("args").GetProperty("days").ValueKind);
        Assert.StartsWith("call_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("STOP", json.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.True(json.GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32() > 0);
    }

    [Fact]
    public async Task GenerateContent_FunctionResponseRoundTrip_ModelAnswersWithTheResult()
    {
        var body = new
        {
            tools = Tools,
            contents = new object[]
            {
                User("Use get_weather for city=Madrid"),
                new { role = "model", parts = new object[] { new { functionCall = new { name = "get_weather", args = new { city = "Madrid" } }, thoughtSignature = "skip_thought_signature_validator" } } },
                new { role = "user", parts = new object[] { new { functionResponse = new { name = "get_weather", response = new { temperature = 30 } } } } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var text = string.Concat(Parts(json).Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
        Assert.Contains("Simulated answer using the tool results", text, StringComparison.Ordinal);
        Assert.Contains("\"temperature\":30", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Parts(json), p => p.TryGetProperty("functionCall", out _));
    }

    [Fact]
    public async Task GenerateContent_ModeAnyWithOneAllowedName_CallsThatFunction()
    {
        var body = new
        {
            contents = new[] { User("get_weather city=Paris") },
            tools = Tools,
            toolConfig = new { functionCallingConfig = new { mode = "ANY", allowedFunctionNames = new[] { "get_time" } } },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("get_time", Assert.Single(Parts(json), p => p.TryGetProperty("functionCall", out _)).GetProperty("functionCall").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GenerateContent_UnknownFunctionAlways_Returns502InGeminiShape()
    {
        var psid = Psid.New();
        var body = new { contents = new[] { User("get_weather [sim:tools=wrong-always]") }, tools = Tools };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, psid, body));

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal(502, json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("after one repair turn", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task StreamGenerateContent_FunctionCall_LastChunkCarriesFunctionCallParts()
    {
        var body = new { contents = new[] { User("get_time zone=CET and get_weather city=Bern") }, tools = Tools };

        var (response, data) = await CompatCalls.StreamAsync(Client, Post(Stream, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var last = CompatCalls.Json(data[^1]);
        var calls = Parts(last).Where(p => p.TryGetProperty("functionCall", out _)).Select(p => p.GetProperty("functionCall").GetProperty("name").GetString()).ToList();
        Assert.Equal(["get_time", "get_weather"], calls);
        Assert.True(last.GetProperty("usageMetadata").GetProperty("promptTokenCount").GetInt32() > 0);
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
    }

    [Fact]
    public async Task GenerateContent_ResponseSchema_ReturnsJsonText()
    {
        var body = new
        {
            contents = new[] { User("A recipe title=Soup") },
            generationConfig = new
            {
                responseMimeType = "application/json",
                responseSchema = new { type = "OBJECT", properties = new { title = new { type = "STRING" }, minutes = new { type = "INTEGER" } }, required = new[] { "title", "minutes" } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        var recipe = CompatCalls.Json(Parts(json)[0].GetProperty("text").GetString()!);
        Assert.Equal("Soup", recipe.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Number, recipe.GetProperty("minutes").ValueKind);
    }

    [Fact]
    public async Task GenerateContent_ResponseJsonSchemaMismatch_IsRepaired()
    {
        var psid = Psid.New();
        var body = new
        {
            contents = new[] { User("A recipe [sim:json=mismatch]") },
            generationConfig = new
            {
                responseMimeType = "application/json",
                responseJsonSchema = new { type = "object", properties = new { title = new { type = "string" } }, required = new[] { "title" } },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, psid, body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(JsonValueKind.String, CompatCalls.Json(Parts(json)[0].GetProperty("text").GetString()!).GetProperty("title").ValueKind);
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task GenerateContent_JsonStillInvalid_Returns502()
    {
        var body = new { contents = new[] { User("A recipe [sim:json=wrong-always]") }, generationConfig = new { responseMimeType = "application/json" } };

        var (response, json) = await CompatCalls.SendAsync(Client, Post(Generate, Psid.New(), body));

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("did not match the requested JSON format", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
