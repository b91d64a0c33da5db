using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Emulated tool calling and structured output on /v1/chat/completions, against the simulator playing the instructions.</summary>
public sealed class ToolsOpenAiTests : IClassFixture<CompatFixture>
{
    private const string Completions = "v1/chat/completions";

    private static readonly object[] Tools =
    [
        new
        {
            type = "function",
            function = new
            {
                name = "get_weather",
                description = "The weather in a city.",
                parameters = new { type = "object", properties = new { city = new { type = "string" }, unit = new { type = "string", @enum = new[] { "celsius", "fahrenheit" } } }, required = new[] { "city" }, additionalProperties = false },
            },
        },
        new
        {
            type = "function",
            function = new
            {
                name = "get_time",
                parameters = new { type = "object", properties = new { zone = new { type = "string" } }, required = new[] { "zone" } },
            },
        },
    ];

    private static readonly object PersonSchema = new
    {
        type = "json_schema",
        json_schema = new
        {
            name = "person",
            strict = true,
            schema = new { type = "object", properties = new { name = new { type = "string" }, age = new { type = "integer", minimum = 0 } }, required = new[] { "name", "age" }, additionalProperties = false },
        },
    };

    private readonly CompatFixture _fixture;

    public ToolsOpenAiTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private int Generates(string psid)
    {
        var hash = _fixture.Sim.Account(psid).PsidHash;
        return _fixture.Sim.Requests.Count(r => r.PsidHash == hash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> Body(string text, object? toolChoice = null, bool stream = false, object? responseFormat = null, object[]? tools = null) => new Dictionary<string, object?>
    {
        ["model"] = "gemini-3-flash",
        ["stream"] = stream,
        ["messages"] = new object[] { new { role = "user", content = text } },
        ["tools"] = tools ?? Tools,
        ["tool_choice"] = toolChoice ?? "auto",
        ["response_format"] = responseFormat,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);

    private static JsonElement Message(JsonElement body) => body.GetProperty("choices")[0].GetProperty("message");

    [Fact]
    public async Task ChatCompletions_ModelCallsTool_ReturnsToolCallsWithValidatedArguments()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("What is the weather? Use get_weather for city=Paris")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("tool_calls", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var message = Message(body);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.StartsWith("call_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        var arguments = CompatCalls.Json(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("Paris", arguments.GetProperty("city").GetString());
        Assert.Equal("celsius", arguments.GetProperty("unit").GetString());
        Assert.Equal(1, Generates(psid));
        Assert.True(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task ChatCompletions_ToolRoundTrip_ResultReachesTheModelAndItAnswersInProse()
    {
        var psid = Psid.New();
        var (_, first) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("Weather please: get_weather city=Oslo")));
        var call = Message(first).GetProperty("tool_calls")[0];
        var followUp = new
        {
            model = "gemini-3-flash",
            tools = Tools,
            messages = new object[]
            {
                new { role = "user", content = "Weather please: get_weather city=Oslo" },
                new { role = "assistant", content = (string?)null, tool_calls = new[] { call } },
                new { role = "tool", tool_call_id = call.GetProperty("id").GetString(), content = """{"temperature":21,"sky":"clear"}""" },
            },
        };

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, followUp));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var content = Message(body).GetProperty("content").GetString()!;
        Assert.Contains("Simulated answer using the tool results", content, StringComparison.Ordinal);
        Assert.Contains("get_weather", content, StringComparison.Ordinal);
        Assert.Contains("\"temperature\":21", content, StringComparison.Ordinal);
        Assert.False(Message(body).TryGetProperty("tool_calls", out _));
    }

    [Theory]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("{\"city\":\"\\udc00\"}")]
    public async Task ChatCompletions_ToolCallArgumentsWithALoneSurrogateEscape_Returns400NamingThem(string arguments)
    {
        // Found by CompatRequestFuzzTests: the body is valid text, but the JSON inside 'arguments' is not, and reading
        // it failed later with a 500.
        var body = new
        {
            model = "gemini-3-flash",
            tools = Tools,
            messages = new object[]
            {
                new { role = "user", content = "Weather in Oslo?" },
                new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "get_weather", arguments } } } },
                new { role = "tool", tool_call_id = "call_1", content = "21" },
            },
        };

        var (response, json) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), body));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("INVALID_BODY", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("messages[1].tool_calls[0].function.arguments", json.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletions_TwoToolsNamed_ReturnsTwoCallsInOrder()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("First get_time zone=UTC, then get_weather city=Rome")));

        Assert.Equal(200, (int)response.StatusCode);
        var calls = Message(body).GetProperty("tool_calls").EnumerateArray().ToList();
        Assert.Equal(["get_time", "get_weather"], calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.NotEqual(calls[0].GetProperty("id").GetString(), calls[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ChatCompletions_NoToolNeeded_ProseStaysProse()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Just say hello")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Contains("Simulated answer", Message(body).GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(Message(body).TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task ChatCompletions_UnknownToolThenRepair_ReturnsTheCorrectedCall()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("Weather in city=Lima [sim:tools=wrong]")));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(Message(body).GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_InvalidArgumentsThenRepair_ReturnsValidArguments()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("get_weather now [sim:tools=invalid]")));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(Message(body).GetProperty("tool_calls").EnumerateArray());
        var arguments = CompatCalls.Json(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal(JsonValueKind.String, arguments.GetProperty("city").ValueKind);
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_StillWrongAfterRepair_Returns502InOpenAiShape()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("get_weather [sim:tools=wrong-always]")));

        Assert.Equal(502, (int)response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal("API_ERROR", error.GetProperty("code").GetString());
        Assert.Contains("tool-call format after one repair turn", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("sim_always_wrong", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceNone_ToolsAreNotOfferedAndAnswerIsProse()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("get_weather city=Paris", toolChoice: "none")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("stop", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(Message(body).TryGetProperty("tool_calls", out _));
        Assert.DoesNotContain("Tools you can call", Message(body).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceRequired_CallsATool()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Anything useful", toolChoice: "required")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("get_weather", Message(body).GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceRequiredButProse_RepairTurnGetsTheCall()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("Anything [sim:tools=prose]", toolChoice: "required")));

        // The repair turn carries no directive, so the simulated model complies.
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("tool_calls", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceNamed_CallsOnlyThatTool()
    {
        var choice = new { type = "function", function = new { name = "get_time" } };
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("get_weather city=Paris", toolChoice: choice)));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(Message(body).GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_time", call.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ToolChoiceNamesUnknownTool_Returns400()
    {
        var choice = new { type = "function", function = new { name = "nope" } };
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("hi", toolChoice: choice)));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("tool_choice", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ToolWithInvalidSchema_Returns400NamingIt()
    {
        object[] tools = [new { type = "function", function = new { name = "bad", parameters = new { type = 5 } } }];
        var psid = Psid.New();

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("hi", tools: tools)));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("tools[0].function.parameters", body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(0, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_StreamedToolCall_SendsToolCallDeltasThenToolCallsFinish()
    {
        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("get_weather city=Berlin", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(CompatCalls.Json).ToList();
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var toolChunk = Assert.Single(chunks, c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("tool_calls", out _));
        var delta = toolChunk.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.Equal(0, delta.GetProperty("index").GetInt32());
        Assert.Equal("get_weather", delta.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Berlin", CompatCalls.Json(delta.GetProperty("function").GetProperty("arguments").GetString()!).GetProperty("city").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.DoesNotContain(chunks, c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString()!.Contains("tool_call", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChatCompletions_StreamWithIncludeUsage_EndsWithUsageChunkAndFlagsEstimate()
    {
        var body = new { model = "gemini-3-flash", stream = true, stream_options = new { include_usage = true }, messages = new object[] { new { role = "user", content = "Count me" } } };

        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
        var usageChunk = CompatCalls.Json(data[^2]);
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.True(usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        Assert.False(response.Headers.TryGetValues("x-bridge-ignored-params", out _));
    }

    [Fact]
    public async Task ChatCompletions_JsonSchema_ReturnsValidJsonContent()
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body("Describe name=Ada", responseFormat: PersonSchema, tools: [])));

        Assert.Equal(200, (int)response.StatusCode);
        var person = CompatCalls.Json(Message(body).GetProperty("content").GetString()!);
        Assert.Equal("Ada", person.GetProperty("name").GetString());
        Assert.Equal(0, person.GetProperty("age").GetInt32());
        Assert.Equal(1, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_JsonSchemaFencedAnswer_IsUnfenced()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Describe [sim:json=fenced]", responseFormat: PersonSchema, tools: [])));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("{", Message(body).GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("mismatch")]
    public async Task ChatCompletions_JsonSchemaWrongOnce_IsRepaired(string mode)
    {
        var psid = Psid.New();
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, Body($"Describe [sim:json={mode}]", responseFormat: PersonSchema, tools: [])));

        Assert.Equal(200, (int)response.StatusCode);
        var person = CompatCalls.Json(Message(body).GetProperty("content").GetString()!);
        Assert.Equal(JsonValueKind.String, person.GetProperty("name").ValueKind);
        Assert.Equal(2, Generates(psid));
    }

    [Fact]
    public async Task ChatCompletions_SchemaNoAnswerCanMeet_Returns502Promptly()
    {
        // Found by CompatRequestFuzzTests: the simulated model set out to write 10^20 array items and never answered.
        var json = """{"model":"gemini-3-flash","messages":[{"role":"user","content":"List them"}],"response_format":{"type":"json_schema","json_schema":{"name":"list","schema":{"type":"array","items":{"type":"string"},"minItems":99999999999999999999}}}}""";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await Client.SendAsync(CompatCalls.Post(Completions, Psid.New(), json), deadline.Token);

        Assert.Equal(502, (int)response.StatusCode);
        var body = CompatCalls.Json(await response.Content.ReadAsStringAsync(deadline.Token));
        Assert.Equal("API_ERROR", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_JsonSchemaStillInvalid_Returns502SayingSo()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Describe [sim:json=wrong-always]", responseFormat: PersonSchema, tools: [])));

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("API_ERROR", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("did not match the requested JSON format", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_JsonObject_ReturnsAJsonObject()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Give me JSON", responseFormat: new { type = "json_object" }, tools: [])));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(JsonValueKind.Object, CompatCalls.Json(Message(body).GetProperty("content").GetString()!).ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_StreamedJsonSchema_StreamsTheValidatedJson()
    {
        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), Body("Describe name=Bo [sim:json=mismatch]", stream: true, responseFormat: PersonSchema, tools: [])));

        Assert.Equal(200, (int)response.StatusCode);
        var text = string.Concat(data[..^1].Select(CompatCalls.Json).Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : string.Empty));
        Assert.Equal(JsonValueKind.String, CompatCalls.Json(text).GetProperty("name").ValueKind);
    }
}
