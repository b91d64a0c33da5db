using System.Text;
using System.Text.Json;
using Gateway.Compat.Structured;

namespace Gateway.Compat.Tools;

/// <summary>
/// Reads a model answer strictly against the <see cref="ToolPrompt"/> format. Every <c>```tool_call</c> block must hold
/// exactly one JSON object with a known tool's <c>name</c> and an <c>arguments</c> object valid against that tool's
/// schema; text outside the blocks is the answer's prose. A reply with no block is prose, unless it looks like a call
/// in the wrong dress (a bare or <c>```json</c> object naming a tool), which is an error worth a repair. Errors are
/// written for the model to read in the repair turn.
/// </summary>
internal sealed class ToolCallParser
{
    private readonly Dictionary<string, (ToolDefinition Tool, JsonSchemaCheck Schema)> _tools;
    private readonly ToolChoice _choice;

    public ToolCallParser(IReadOnlyList<ToolDefinition> tools, ToolChoice choice)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _choice = choice;
        _tools = new Dictionary<string, (ToolDefinition, JsonSchemaCheck)>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            _tools[tool.Name] = (tool, JsonSchemaCheck.Compile(tool.Parameters, tool.Param));
        }
    }

    /// <summary>The calls and prose, or null with <paramref name="error"/> saying what is wrong.</summary>
    public ToolReply? Parse(string answer, out string error)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var errors = new List<string>();
        var calls = new List<ToolCall>();
        var prose = new StringBuilder();
        var lines = answer.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsOpening(lines[i]))
            {
                prose.Append(lines[i]).Append('\n');
                continue;
            }

            var close = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (close < 0)
            {
                errors.Add("a ```" + ToolPrompt.Fence + " block is not closed with ```");
                break;
            }

            var body = string.Join('\n', lines[(i + 1)..close]);
            if (ReadCall(body, calls.Count + 1, out var call, out var callError))
            {
                calls.Add(call);
            }
            else
            {
                errors.Add(callError);
            }

            i = close;
        }

        var text = prose.ToString().Trim();
        if (calls.Count == 0 && errors.Count == 0 && LooksLikeMisdressedCall(text))
        {
            errors.Add("a tool call must be written in a ```" + ToolPrompt.Fence + " fenced block, not as bare JSON or in another block");
        }

        if (errors.Count == 0)
        {
            CheckChoice(calls, errors);
        }

        if (errors.Count > 0)
        {
            error = string.Join("; ", errors);
            return null;
        }

        error = string.Empty;
        return new ToolReply(text, calls);
    }

    private static bool IsOpening(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("```", StringComparison.Ordinal) && trimmed[3..].Trim() == ToolPrompt.Fence;
    }

    private bool ReadCall(string body, int number, out ToolCall call, out string error)
    {
        call = null!;
        JsonElement value;
        try
        {
            value = ToolJson.Parse(body);
        }
        catch (JsonException)
        {
            error = $"tool_call block {number} does not hold valid JSON";
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            error = $"tool_call block {number} must hold one JSON object {{\"name\", \"arguments\"}}";
            return false;
        }

        string? name = null;
        JsonElement? arguments = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name" when property.Value.ValueKind == JsonValueKind.String:
                    name = property.Value.GetString();
                    break;
                case "arguments":
                    arguments = property.Value;
                    break;
                default:
                    error = $"tool_call block {number} has the field \"{CompatJson.Safe(property.Name)}\"; only \"name\" (a string) and \"arguments\" (an object) are allowed";
                    return false;
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            error = $"tool_call block {number} has no \"name\" string";
            return false;
        }

        if (!_tools.TryGetValue(name, out var tool))
        {
            error = $"the tool \"{CompatJson.Safe(name)}\" does not exist; the tools are: {string.Join(", ", _tools.Keys)}";
            return false;
        }

        if (arguments is not { ValueKind: JsonValueKind.Object } args)
        {
            error = $"the call of \"{name}\" needs \"arguments\" as a JSON object";
            return false;
        }

        if (tool.Schema.Validate(args) is { } invalid)
        {
            error = $"the arguments of \"{name}\" do not match its parameters schema: {invalid}";
            return false;
        }

        call = new ToolCall(ToolCallIds.New(), name, args);
        error = string.Empty;
        return true;
    }

    private void CheckChoice(List<ToolCall> calls, List<string> errors)
    {
        switch (_choice.Mode)
        {
            case ToolChoiceMode.Required when calls.Count == 0:
                errors.Add("this reply must call at least one tool, in ```" + ToolPrompt.Fence + " blocks");
                break;
            case ToolChoiceMode.Named when calls.Count == 0:
                errors.Add($"this reply must call the tool \"{_choice.Name}\", in a ```{ToolPrompt.Fence} block");
                break;
            case ToolChoiceMode.Named when calls.Any(c => c.Name != _choice.Name):
                errors.Add($"only the tool \"{_choice.Name}\" may be called in this reply");
                break;
        }
    }

    /// <summary>A reply that is one JSON object naming a known tool (bare or in a json fence): a call in the wrong format.</summary>
    private bool LooksLikeMisdressedCall(string text)
    {
        if (!JsonAnswerExtractor.TryExtract(text, out var value, out _) && !TryFencedJson(text, out value))
        {
            return false;
        }

        return value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && _tools.ContainsKey(name.GetString()!)
            && (value.TryGetProperty("arguments", out _) || value.TryGetProperty("args", out _) || value.TryGetProperty("parameters", out _));
    }

    private static bool TryFencedJson(string text, out JsonElement value)
    {
        value = default;
        var start = text.IndexOf("```", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var bodyStart = text.IndexOf('\n', start);
        var end = bodyStart < 0 ? -1 : text.IndexOf("```", bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        try
        {
            value = ToolJson.Parse(text[bodyStart..end]);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
