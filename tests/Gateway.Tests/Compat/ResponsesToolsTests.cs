using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// Responses tools and text formats on the emulation core: what is refused, what is echoed, and the emulated path's
/// output (the answer checked whole, then written as items and stream events).
/// </summary>
public sealed class ResponsesToolsTests : IClassFixture<CompatFixture>
{
    private const string WeatherTool = """{"type":"function","name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}""";

    private readonly CompatFixture _fixture;

    public ResponsesToolsTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ToolsOffered_ProseAnswer_IsAMessage_AndTheToolsAreEchoed()
    {
        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), $$"""{"model":"gemini-3-flash","input":"Hello there","tools":[{{WeatherTool}}],"tool_choice":"auto"}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("message", Assert.Single(body.GetProperty("output").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("auto", body.GetProperty("tool_choice").GetString());
        Assert.Equal("true", response.Headers.GetValues("x-bridge-usage-estimated").Single());
    }

    [Fact]
    public async Task ToolsOffered_Streamed_ReplaysTheCheckedAnswerAsTheDocumentedEvents()
    {
        var (response, events) = await ResponsesCalls.StreamAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), $$"""{"model":"gemini-3-flash","input":"Hello there","stream":true,"tools":[{{WeatherTool}}]}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed",
            ],
            events.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
        Assert.Equal(events[0].Data.GetProperty("response").GetProperty("id").GetString(), events[^1].Data.GetProperty("response").GetProperty("id").GetString());
    }

    [Fact]
    public async Task FunctionCallAndItsOutput_AreAcceptedAsTheLatestTurn()
    {
        var json = """
            {"model":"gemini-3-flash","input":[
              {"role":"user","content":"What is the weather in Paris?"},
              {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},
              {"type":"function_call_output","call_id":"call_1","output":"{\"temperature\":21}"}]}
            """;

        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("message", Assert.Single(body.GetProperty("output").EnumerateArray()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{\"\\ud800\":1}""")]
    [InlineData("""{\"city\":\"\\udc00\"}""")]
    public async Task FunctionCallArguments_WithALoneSurrogateEscape_Returns400NamingThem(string arguments)
    {
        // Found by CompatRequestFuzzTests: the body is valid text, but the JSON inside 'arguments' is not, and reading
        // it failed later with a 500.
        var json = $$"""
            {"model":"gemini-3-flash","input":[
              {"role":"user","content":"What is the weather in Paris?"},
              {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{{arguments}}"},
              {"type":"function_call_output","call_id":"call_1","output":"21"}]}
            """;

        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), json));

        ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", "input[1].arguments");
    }

    [Theory]
    [InlineData("""{"type":"function","name":"missing"}""", "tool_choice.name")]
    [InlineData("\"sometimes\"", "tool_choice")]
    [InlineData("""{"type":"file_search"}""", "tool_choice")]
    public async Task BadToolChoice_Returns400NamingIt(string choice, string param)
    {
        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), $$"""{"model":"gemini-3-flash","input":"hi","tools":[{{WeatherTool}}],"tool_choice":{{choice}}}"""));

        ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", param);
    }

    [Fact]
    public async Task EmulationSwitchedOff_RefusesToolsToolItemsAndJsonFormats()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Compat:Tools:Mode"] = "reject" });
        var cases = new (string Json, string Param)[]
        {
            ($$"""{"model":"gemini-3-flash","input":"hi","tools":[{{WeatherTool}}]}""", "tools"),
            ("""{"model":"gemini-3-flash","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"}}}}""", "text.format"),
            ("""{"model":"gemini-3-flash","input":[{"role":"user","content":"hi"},{"type":"function_call_output","call_id":"c","output":"1"}]}""", "input[1].type"),
        };

        foreach (var (json, param) in cases)
        {
            var (response, body) = await CompatCalls.SendAsync(gateway.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), json));
            ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", param);
            Assert.Contains("Compat:Tools:Mode", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }
    [Fact]
    public async Task ToolRoundTrip_FunctionCallItem_ThenItsOutputThroughPreviousResponseId()
    {
        var psid = Psid.New();
        var (response, first) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, $$"""{"model":"gemini-3-flash","input":"Use get_weather for Paris","tools":[{{WeatherTool}}]}"""));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(first.GetProperty("output").EnumerateArray());
        Assert.Equal("function_call", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("completed", call.GetProperty("status").GetString());
        Assert.StartsWith("fc_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("call_", call.GetProperty("call_id").GetString(), StringComparison.Ordinal);
        using (var arguments = JsonDocument.Parse(call.GetProperty("arguments").GetString()!))
        {
            Assert.Equal(JsonValueKind.String, arguments.RootElement.GetProperty("city").ValueKind);
        }

        var callId = call.GetProperty("call_id").GetString();
        var (answered, second) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, $$"""
            {"model":"gemini-3-flash","previous_response_id":"{{first.GetProperty("id").GetString()}}","tools":[{{WeatherTool}}],
             "input":[{"type":"function_call_output","call_id":"{{callId}}","output":"{\"temperature\":21}"}]}
            """));

        Assert.Equal(200, (int)answered.StatusCode);
        Assert.Contains("Simulated answer using the tool results", ResponsesCalls.MessageText(second), StringComparison.Ordinal);
        Assert.Contains("temperature", ResponsesCalls.MessageText(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolRoundTrip_ReplayedFunctionCallItemWithItsId_ContinuesWithoutPreviousResponseId()
    {
        var psid = Psid.New();
        var (_, first) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, $$"""{"model":"gemini-3-flash","input":"Use get_weather for Paris","tools":[{{WeatherTool}}]}"""));
        var call = first.GetProperty("output")[0];

        var (answered, second) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, $$"""
            {"model":"gemini-3-flash","tools":[{{WeatherTool}}],"input":[{"role":"user","content":"Use get_weather for Paris"},{{call.GetRawText()}},
             {"type":"function_call_output","call_id":"{{call.GetProperty("call_id").GetString()}}","output":"sunny"}]}
            """));

        Assert.Equal(200, (int)answered.StatusCode);
        var text = ResponsesCalls.MessageText(second);
        Assert.Contains("Simulated answer using the tool results", text, StringComparison.Ordinal);
        Assert.Contains("sunny", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolCall_Streamed_IsAFunctionCallItemWithArgumentsEvents()
    {
        var (response, events) = await ResponsesCalls.StreamAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), $$"""{"model":"gemini-3-flash","input":"Use get_weather for Paris","stream":true,"tools":[{{WeatherTool}}],"tool_choice":"required"}"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(
            [
                "response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed",
            ],
            events.Select(e => e.Name));
        var added = events[2].Data.GetProperty("item");
        Assert.Equal("function_call", added.GetProperty("type").GetString());
        Assert.Equal("in_progress", added.GetProperty("status").GetString());
        var arguments = events[3].Data.GetProperty("delta").GetString();
        Assert.Equal(arguments, events[4].Data.GetProperty("arguments").GetString());
        var done = Assert.Single(events[^1].Data.GetProperty("response").GetProperty("output").EnumerateArray());
        Assert.Equal(arguments, done.GetProperty("arguments").GetString());
        Assert.Equal(added.GetProperty("id").GetString(), done.GetProperty("id").GetString());
    }

    [Fact]
    public async Task TextFormatJsonSchema_AnswersJsonMatchingTheSchema()
    {
        var json = """{"model":"gemini-3-flash","input":"Give me a city","text":{"format":{"type":"json_schema","name":"city","strict":true,"schema":{"type":"object","properties":{"name":{"type":"string"},"population":{"type":"integer"}},"required":["name","population"],"additionalProperties":false}}}}""";

        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        using var answer = JsonDocument.Parse(ResponsesCalls.MessageText(body));
        Assert.Equal(JsonValueKind.String, answer.RootElement.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.RootElement.GetProperty("population").ValueKind);
        Assert.Equal("json_schema", body.GetProperty("text").GetProperty("format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ToolCallStillWrongAfterTheRepairTurn_Is502InTheOpenAiShape()
    {
        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), $$"""{"model":"gemini-3-flash","input":"Weather please [sim:tools=wrong-always]","tools":[{{WeatherTool}}],"tool_choice":"required"}"""));

        ResponsesCalls.AssertOpenAiError(response, body, 502, "api_error", "API_ERROR");
    }
}
