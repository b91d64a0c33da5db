using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat;
using Gateway.Compat.Anthropic;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Pipeline;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// Anthropic tools on the emulation core: tools, tool_choice, tool_use and tool_result blocks read into the normalized
/// model; an accepted emulated call written as a tool_use block (whole message and stream events); the surface's
/// refusals; usage as the shared estimate, flagged.
/// </summary>
public sealed class AnthropicToolsTests : IClassFixture<CompatFixture>
{
    private const string WeatherTool = """{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private const string RoundTrip = $$$"""
        {"model":"gemini-3-flash","max_tokens":100,"tools":[{{{WeatherTool}}}],"tool_choice":{"type":"none"},
         "messages":[
           {"role":"user","content":"Weather in Paris?"},
           {"role":"assistant","content":[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":[{"type":"text","text":"18C, sunny"}]},{"type":"text","text":"Thanks"}]}
         ]}
        """;

    private readonly CompatFixture _fixture;

    public AnthropicToolsTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private static CompatChatInput Read(string json, bool emulate = true)
    {
        using var document = JsonDocument.Parse(json);
        return AnthropicRequestReader.Read(document.RootElement, emulate);
    }

    /// <summary>The emulation after it accepted <paramref name="answer"/> as the model's reply to <paramref name="input"/>.</summary>
    private static (AnswerEmulation Emulation, ChatResult Result) Accepted(CompatChatInput input, string answer)
    {
        var emulation = AnswerEmulation.For(input)!;
        var request = new ChatRequest { Prompt = PromptComposer.Compose(input.Instructions, input.Turns, [emulation.ToolSection]) };
        var raw = new ChatResult { Text = answer, Thoughts = "Thinking it over.", Conversation = new ConversationRef("c_1", "r_1", "rc_1", null) };
        var verdict = Assert.IsType<AnswerVerdict.Accept>(emulation.Review(request, raw, 1));
        return (emulation, verdict.Result);
    }

    private static string CallAnswer(string city) => $$$"""
        I will check.
        ```tool_call
        {"name":"get_weather","arguments":{"city":"{{{city}}}"}}
        ```
        """;

    [Fact]
    public void Read_ToolsChoiceAndToolBlocks_BecomeTheEmulationModel()
    {
        var input = Read(RoundTrip);

        var tool = Assert.Single(input.Tools);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("tools[0].input_schema", tool.Param);
        Assert.Equal(ToolChoiceMode.None, input.ToolChoice.Mode);
        Assert.Equal([CompatRole.User, CompatRole.Model, CompatRole.Tool, CompatRole.User], input.Turns.Select(t => t.Role));
        var call = Assert.Single(input.Turns[1].ToolCalls);
        Assert.Equal(("toolu_01", "get_weather", "Paris"), (call.Id, call.Name, call.Arguments.GetProperty("city").GetString()));
        Assert.Equal("Let me look.", input.Turns[1].Text);
        Assert.Equal(new ToolResult("toolu_01", null, "18C, sunny"), input.Turns[2].ToolResult);
        Assert.Equal("Thanks", input.Turns[3].Text);

        var prompt = PromptComposer.Compose(input.Instructions, ToolCallNames.Resolve(input.Turns));
        Assert.Contains("Tool result (get_weather, call toolu_01): 18C, sunny", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", "Auto", null)]
    [InlineData("""{"type":"any"}""", "Required", null)]
    [InlineData("""{"type":"tool","name":"get_weather"}""", "Named", "get_weather")]
    [InlineData("""{"type":"none"}""", "None", null)]
    public void Read_ToolChoice_MapsEachType(string choice, string modeName, string? name)
    {
        var mode = Enum.Parse<ToolChoiceMode>(modeName);
        var input = Read($$"""{"model":"m","max_tokens":1,"tools":[{{WeatherTool}}],"tool_choice":{{choice}},"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(new ToolChoice(mode, name), input.ToolChoice);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":1,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"hi"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","max_tokens":1,"tools":[{"name":"f"}],"messages":[{"role":"user","content":"hi"}]}""", "tools[0].input_schema")]
    [InlineData("""{"model":"m","max_tokens":1,"tool_choice":{"type":"any"},"messages":[{"role":"user","content":"hi"}]}""", "tool_choice")]
    [InlineData("""{"model":"m","max_tokens":1,"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"g"},"messages":[{"role":"user","content":"hi"}]}""", "tool_choice.name")]
    [InlineData("""{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"x"}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t"}]}]}""", "messages[1].content[0].input")]
    public void Read_BadTools_AreRefusedNamingTheField(string json, string param)
    {
        var refused = Assert.Throws<RequestRejectedException>(() => Read(json));

        Assert.Equal(param, refused.Param);
    }

    [Fact]
    public void Read_ToolsWithEmulationOff_AreRefused()
    {
        var refused = Assert.Throws<RequestRejectedException>(() => Read(RoundTrip, emulate: false));

        Assert.Equal("tools", refused.Param);
        Assert.Contains("Compat:Tools:Mode", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_WithAnEmulatedCall_IsAToolUseBlockAndStopReasonToolUse()
    {
        var input = Read($$"""{"model":"gemini-3-flash","max_tokens":1,"tools":[{{WeatherTool}}],"messages":[{"role":"user","content":"Weather in Paris?"}]}""");
        var (emulation, result) = Accepted(input, CallAnswer("Paris"));
        var writer = new AnthropicMessageWriter("msg_1", input.Model);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            writer.WriteMessage(json, result, includeThoughts: false, emulation.Answer!.ToolCalls, new AnthropicUsage(1, 2));
        }

        var message = JsonDocument.Parse(buffer.ToArray()).RootElement;
        Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
        var content = message.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text", "tool_use"], content.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("I will check.", content[0].GetProperty("text").GetString()!.Trim());
        Assert.StartsWith("toolu_", content[1].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("get_weather", content[1].GetProperty("name").GetString());
        Assert.Equal("Paris", content[1].GetProperty("input").GetProperty("city").GetString());
    }

    [Fact]
    public async Task Stream_WithAnEmulatedCall_SendsToolUseStartInputJsonDeltaAndStop()
    {
        var input = Read($$"""{"model":"gemini-3-flash","max_tokens":1,"stream":true,"tools":[{{WeatherTool}}],"tool_choice":{"type":"any"},"messages":[{"role":"user","content":"Weather in Oslo?"}]}""");
        var (emulation, result) = Accepted(input, CallAnswer("Oslo"));
        var format = new AnthropicChatFormat(new AnthropicMessageWriter("msg_2", input.Model), includeThoughts: false, "prompt", emulation);
        var pipe = new Pipe();
        using (var writer = new EventStreamWriter(pipe.Writer, "req-1"))
        {
            await format.WriteStreamStartAsync(writer, CancellationToken.None);
            await format.WriteStreamEventAsync(writer, new ChatEvent.TextDelta(result.Text), CancellationToken.None);
            await format.WriteStreamEventAsync(writer, new ChatEvent.Completed(result), CancellationToken.None);
        }

        await pipe.Writer.CompleteAsync();
        using var reader = new SseReader(pipe.Reader.AsStream());
        var events = await reader.ReadAllEventsAsync();

        var names = events.Select(e => e.Name).ToList();
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], names);
        var toolStart = events[5].Json;
        Assert.Equal(1, toolStart.GetProperty("index").GetInt32());
        Assert.Equal("tool_use", toolStart.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Empty(toolStart.GetProperty("content_block").GetProperty("input").EnumerateObject());
        var delta = events[6].Json.GetProperty("delta");
        Assert.Equal("input_json_delta", delta.GetProperty("type").GetString());
        Assert.Equal("Oslo", JsonDocument.Parse(delta.GetProperty("partial_json").GetString()!).RootElement.GetProperty("city").GetString());
        var messageDelta = events[8].Json;
        Assert.Equal("tool_use", messageDelta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(emulation.Usage.PromptTokens, messageDelta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(emulation.Usage.CompletionTokens + emulation.Usage.ThoughtsTokens, messageDelta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_ToolHistoryThroughTheGateway_AnswersWithTheEstimatedUsageFlagged()
    {
        var (response, body) = await CompatCalls.SendAsync(_fixture.Client, AnthropicCalls.Post(Psid.New(), RoundTrip));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("end_turn", body.GetProperty("stop_reason").GetString());
        Assert.Equal("true", response.Headers.GetValues(UsageEstimator.Header).Single());
        var text = body.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains("Simulated answer", text, StringComparison.Ordinal);
        var usage = body.GetProperty("usage");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Equal(UsageEstimator.Tokens(text), usage.GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Messages_ToolsUnderRejectMode_AreA400InAnthropicShape()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Compat:Tools:Mode"] = "reject" });

        var (response, body) = await CompatCalls.SendAsync(gateway.Client, AnthropicCalls.Post(Psid.New(), RoundTrip));

        AnthropicCalls.AssertError(response, body, 400, "invalid_request_error", "INVALID_BODY", "tools");
    }

    [Fact]
    public async Task ToolRoundTrip_ModelCallsTheTool_ThenAnswersWithItsResult()
    {
        var ask = $$$"""{"model":"gemini-3-flash","max_tokens":100,"tools":[{{{WeatherTool}}}],"messages":[{"role":"user","content":"What is the weather? Use get_weather for city=Paris"}]}""";

        var (first, call) = await CompatCalls.SendAsync(_fixture.Client, AnthropicCalls.Post(Psid.New(), ask));

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal("tool_use", call.GetProperty("stop_reason").GetString());
        var toolUse = call.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("get_weather", toolUse.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, toolUse.GetProperty("input").GetProperty("city").ValueKind);
        var id = toolUse.GetProperty("id").GetString()!;
        Assert.StartsWith("toolu_", id, StringComparison.Ordinal);

        var answerBody = $$$"""
            {"model":"gemini-3-flash","max_tokens":100,"tools":[{{{WeatherTool}}}],"messages":[
              {"role":"user","content":"What is the weather? Use get_weather for city=Paris"},
              {"role":"assistant","content":[{{{toolUse.GetRawText()}}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{{id}}}","content":"18C and sunny"}]}]}
            """;
        var (second, answer) = await CompatCalls.SendAsync(_fixture.Client, AnthropicCalls.Post(Psid.New(), answerBody));

        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal("end_turn", answer.GetProperty("stop_reason").GetString());
        Assert.Contains("18C and sunny", answer.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolUse_Streamed_ThroughTheGateway_IsAToolUseBlockWithInputJsonDelta()
    {
        var ask = $$$"""{"model":"gemini-3-flash","max_tokens":100,"stream":true,"tools":[{{{WeatherTool}}}],"tool_choice":{"type":"tool","name":"get_weather"},"messages":[{"role":"user","content":"Weather for city=Oslo"}]}""";

        var (response, events) = await AnthropicCalls.StreamAsync(_fixture.Client, AnthropicCalls.Post(Psid.New(), ask));

        Assert.Equal(200, (int)response.StatusCode);
        var start = events.Select(e => e.Json).Single(e => e.GetProperty("type").GetString() == "content_block_start" && e.GetProperty("content_block").GetProperty("type").GetString() == "tool_use");
        var index = start.GetProperty("index").GetInt32();
        var json = string.Concat(events.Select(e => e.Json).Where(e => e.GetProperty("type").GetString() == "content_block_delta" && e.GetProperty("index").GetInt32() == index)
            .Select(e => e.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(json).RootElement.GetProperty("city").ValueKind);
        Assert.Equal("tool_use", events.Single(e => e.Name == "message_delta").Json.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal("message_stop", events[^1].Name);
    }
}
