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
}
