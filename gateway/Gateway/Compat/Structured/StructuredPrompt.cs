using Gateway.Compat.Tools;

namespace Gateway.Compat.Structured;

/// <summary>The prompt text asking for a JSON answer (the simulator reads these lines: simulator/GeminiSimulator/Answers/JsonPlay.cs).</summary>
internal static class StructuredPrompt
{
    public const string Heading = "Answer format:";
    public const string AnyObjectRule = "Reply with only one JSON object: no prose, no code fence, nothing before or after it.";
    public const string SchemaRulePrefix = "Reply with only one JSON value valid against this JSON Schema (no prose, no code fence, nothing before or after it): ";
    public const string WithToolsRule = "(If you call tools instead, use the tool_call blocks; the JSON answer comes after the results.)";

    public static string Section(StructuredOutput output, bool withTools)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rule = output.Schema is { } schema ? SchemaRulePrefix + ToolJson.Text(schema) : AnyObjectRule;
        return Heading + "\n" + rule + (withTools ? "\n" + WithToolsRule : string.Empty);
    }
}
