using System.Text;

namespace Gateway.Compat.Tools;

/// <summary>
/// The prompt text of the emulation: which tools exist and the one format to call them. The format is a Markdown
/// fenced block with the info string <c>tool_call</c> holding one JSON object <c>{"name": ..., "arguments": {...}}</c>;
/// several calls are several blocks. A fence is what a chat model writes most reliably, and the info string keeps it
/// apart from code it shows. The simulator reads these exact lines (simulator/GeminiSimulator/Answers/ToolPlay.cs).
/// </summary>
internal static class ToolPrompt
{
    public const string Fence = "tool_call";
    public const string Heading = "Tools you can call:";
    public const string ToolLinePrefix = "- name: ";
    public const string DescriptionLinePrefix = "  description: ";
    public const string ParametersLinePrefix = "  parameters (JSON Schema): ";
    public const string AutoRule = "Call a tool only when it helps to answer; otherwise answer in prose, with no tool_call block.";
    public const string RequiredRule = "You must call at least one tool in this reply: reply with tool_call blocks only.";
    public const string NamedRulePrefix = "You must call the tool named ";
    public const string SingleCallRule = "Call at most one tool in this reply: write at most one tool_call block.";

    /// <summary>The tool section; null when no tool is offered (none given, or tool choice none).</summary>
    /// <param name="parallel">Several calls may come in one reply; false adds <see cref="SingleCallRule"/>.</param>
    public static string? Section(IReadOnlyList<ToolDefinition> tools, ToolChoice choice, bool parallel = true)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(choice);
        if (tools.Count == 0 || choice.Mode == ToolChoiceMode.None)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(Heading).Append('\n');
        foreach (var tool in tools)
        {
            text.Append(ToolLinePrefix).Append(tool.Name).Append('\n');
            if (!string.IsNullOrWhiteSpace(tool.Description))
            {
                text.Append(DescriptionLinePrefix).Append(tool.Description.ReplaceLineEndings(" ").Trim()).Append('\n');
            }

            text.Append(ParametersLinePrefix).Append(ToolJson.Text(tool.Parameters)).Append('\n');
        }

        text.Append('\n')
            .Append("You cannot run these tools yourself: the application runs them and sends you the results. ")
            .Append("To call tools, reply with one fenced block per call, in exactly this format:\n\n")
            .Append("```").Append(Fence).Append('\n')
            .Append("{\"name\": \"<tool name>\", \"arguments\": {<arguments as a JSON object matching the tool's parameters schema>}}\n")
            .Append("```\n\n")
            .Append("Rules: \"name\" is one of the tool names above, exactly; \"arguments\" is a JSON object valid against that tool's parameters schema. ")
            .Append(parallel ? "For several calls write several blocks, one after another. " : string.Empty)
            .Append("Do not invent results; stop after the blocks and wait for the results.\n")
            .Append(Rule(choice));
        if (!parallel)
        {
            text.Append('\n').Append(SingleCallRule);
        }

        return text.ToString();
    }

    public static string Rule(ToolChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Mode switch
        {
            ToolChoiceMode.Required => RequiredRule,
            ToolChoiceMode.Named => NamedRulePrefix + "\"" + choice.Name + "\" in this reply (and no other tool): reply with tool_call blocks only.",
            _ => AutoRule,
        };
    }

    /// <summary>One call written in the format, as the model writes it (the transcript replays earlier calls so).</summary>
    public static string Block(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return "```" + Fence + "\n{\"name\": " + ToolJson.Text(System.Text.Json.JsonSerializer.SerializeToElement(call.Name, ToolJsonContext.Default.String)) + ", \"arguments\": " + call.ArgumentsJson + "}\n```";
    }
}
