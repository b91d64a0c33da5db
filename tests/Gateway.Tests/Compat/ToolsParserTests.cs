using System.Text.Json;
using Gateway.Compat;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;

namespace Gateway.Tests.Compat;

/// <summary>The strict reader of emulated tool calls and JSON answers, and the prompt it pairs with.</summary>
public sealed class ToolsParserTests
{
    private static readonly ToolDefinition Weather = new("get_weather", "Weather.", Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static ToolCallParser Parser(ToolChoice? choice = null) => new([Weather], choice ?? ToolChoice.Auto);

    [Fact]
    public void Parse_FencedCallsAndProse_ReturnsBothInOrder()
    {
        var reply = Parser().Parse("Let me check.\n```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}\n```\n```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}\n```", out var error);

        Assert.NotNull(reply);
        Assert.Equal(string.Empty, error);
        Assert.Equal("Let me check.", reply.Prose);
        Assert.Equal(["Oslo", "Rome"], reply.Calls.Select(c => c.Arguments.GetProperty("city").GetString()));
        Assert.Equal("""{"city":"Oslo"}""", reply.Calls[0].ArgumentsJson);
    }

    [Theory]
    [InlineData("```tool_call\n{\"name\":\"nope\",\"arguments\":{}}\n```", "does not exist")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"city\":1}}\n```", "do not match its parameters schema")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"x\",\"extra\":1}}\n```", "do not match its parameters schema")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\"}\n```", "needs \"arguments\"")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"x\"},\"id\":1}\n```", "only \"name\"")]
    [InlineData("```tool_call\nnot json\n```", "valid JSON")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"\\ud800\"}}\n```", "valid JSON")]
    [InlineData("```tool_call\n{\"name\":\"\\udc00\",\"arguments\":{}}\n```", "valid JSON")]
    [InlineData("```tool_call\n{\"name\":\"get_weather\",\"arguments\":{}}", "not closed")]
    [InlineData("```json\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"x\"}}\n```", "fenced block")]
    [InlineData("{\"name\":\"get_weather\",\"arguments\":{\"city\":\"x\"}}", "fenced block")]
    public void Parse_BrokenCall_ReturnsAnErrorForTheRepairTurn(string answer, string expected)
    {
        var reply = Parser().Parse(answer, out var error);

        Assert.Null(reply);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Prose_IsProse()
    {
        var reply = Parser().Parse("It is sunny. ```python\nprint(1)\n```", out _);

        Assert.NotNull(reply);
        Assert.Empty(reply.Calls);
    }

    [Fact]
    public void Parse_RequiredChoiceAndProse_IsAnError()
    {
        Assert.Null(Parser(ToolChoice.Required).Parse("Hello.", out var error));
        Assert.Contains("must call at least one tool", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_ListsToolsWithSchemasAndTheFormat()
    {
        var section = ToolPrompt.Section([Weather], ToolChoice.Named("get_weather"))!;

        Assert.Contains("- name: get_weather\n", section, StringComparison.Ordinal);
        Assert.Contains("  parameters (JSON Schema): {\"type\":\"object\"", section, StringComparison.Ordinal);
        Assert.Contains("```tool_call\n", section, StringComparison.Ordinal);
        Assert.Contains("You must call the tool named \"get_weather\"", section, StringComparison.Ordinal);
        Assert.Null(ToolPrompt.Section([Weather], ToolChoice.None));
    }

    [Fact]
    public void Compose_ReplaysToolCallsAndEndsWithToolResults()
    {
        var call = new ToolCall("call_1", "get_weather", Parse("""{"city":"Oslo"}"""));
        CompatTurn[] turns =
        [
            new(CompatRole.User, "Weather?"),
            CompatTurn.ForToolCalls(string.Empty, [call]),
            CompatTurn.ForToolResult(new ToolResult("call_1", null, """{"t":1}""")),
        ];

        var prompt = PromptComposer.Compose([], ToolCallNames.Resolve(turns), ["SECTION"]);

        Assert.Contains("Assistant: ```tool_call\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\"}}\n```", prompt, StringComparison.Ordinal);
        Assert.Contains(PromptComposer.LatestToolResultsHeading + "\n\nTool result (get_weather, call call_1): {\"t\":1}", prompt, StringComparison.Ordinal);
        Assert.EndsWith("\n\nSECTION", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData("  ```json\n{\"a\":1}\n```  ", true)]
    [InlineData("```\n[1,2]\n```", true)]
    [InlineData("Here: {\"a\":1}", false)]
    [InlineData("```python\n{\"a\":1}\n```", false)]
    [InlineData("", false)]
    [InlineData("{\"a\":\"\\ud800\"}", false)]
    [InlineData("```json\n{\"\\udfff\":1}\n```", false)]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}", true)]
    public void Extract_TakesOnlyABareOrFencedValue(string answer, bool ok) =>
        Assert.Equal(ok, JsonAnswerExtractor.TryExtract(answer, out _, out _));

    [Fact]
    public void SchemaCheck_ReportsWhereTheValueIsWrong()
    {
        var check = JsonSchemaCheck.Compile(Parse("""{"type":"object","properties":{"age":{"type":"integer","minimum":0}},"required":["age"]}"""), "schema");

        Assert.Null(check.Validate(Parse("""{"age":3}""")));
        Assert.Contains("/age", check.Validate(Parse("""{"age":-1}""")), StringComparison.Ordinal);
        Assert.NotNull(check.Validate(Parse("{}")));
    }

    [Theory]
    [InlineData("""{"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""")]
    [InlineData("""{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","nullable":true,"example":"x","x-vendor":1}},"required":["a"],"propertyOrdering":["a"]}""")]
    public void SchemaCheck_AcceptsTheDialectsClientsSend(string schema)
    {
        var check = JsonSchemaCheck.Compile(Parse(schema), "schema");

        Assert.Null(check.Validate(Parse("""{"a":"x"}""")));
        Assert.NotNull(check.Validate(Parse("""{"a":1}""")));
    }
}
