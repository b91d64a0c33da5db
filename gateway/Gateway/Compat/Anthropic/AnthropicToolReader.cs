using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// Reads Anthropic's <c>tools</c> (client tools: <c>name</c>, <c>description</c>, <c>input_schema</c>) and
/// <c>tool_choice</c> (<c>auto</c>, <c>any</c>, <c>tool</c>, <c>none</c>) into the emulation's model
/// (<see cref="AnswerEmulation"/>). Anthropic's server tools (web search, code execution, bash, ...) cannot be emulated
/// and are refused by name. Under <c>Compat:Tools:Mode = reject</c> tools are refused as before emulation existed.
/// </summary>
internal static class AnthropicToolReader
{
    public const string NoToolsMessage = "is not supported: the Gemini web app has no tool calling (the gateway's emulation is switched off: Compat:Tools:Mode = reject).";

    private static readonly HashSet<string> QuietToolFields = new(StringComparer.Ordinal) { "type", "cache_control", "strict", "defer_loading", "eager_input_streaming", "input_examples" };

    public static IReadOnlyList<ToolDefinition> ReadTools(JsonElement value, bool emulate)
    {
        if (CompatJson.IsNull(value) || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            return [];
        }

        if (!emulate)
        {
            throw Refuse("tools", "'tools' " + NoToolsMessage);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("tools", $"'tools' must be an array, not {CompatJson.Describe(value.ValueKind)}.");
        }

        var tools = new List<ToolDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be an object with 'name' and 'input_schema'.");
            }

            if (item.TryGetProperty("type", out var type) && !CompatJson.IsNull(type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "custom"))
            {
                var kind = type.ValueKind == JsonValueKind.String ? CompatJson.Safe(type.GetString()!) : CompatJson.Describe(type.ValueKind);
                throw Refuse(path + ".type", $"'{path}.type' {kind} is not supported: only client tools (name, description, input_schema) can be emulated, not Anthropic's server tools.");
            }

            string? name = null;
            string? description = null;
            JsonElement? schema = null;
            foreach (var property in item.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name":
                        name = CompatJson.RequireString(property.Value, path + ".name");
                        break;
                    case "description":
                        description = CompatJson.IsNull(property.Value) ? null : CompatJson.RequireString(property.Value, path + ".description");
                        break;
                    case "input_schema":
                        schema = property.Value.Clone();
                        break;
                    default:
                        if (!QuietToolFields.Contains(property.Name))
                        {
                            var param = $"{path}.{CompatJson.Safe(property.Name)}";
                            throw new RequestRejectedException(param, $"'{param}': unknown field.");
                        }

                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new RequestRejectedException(path + ".name", $"'{path}.name' is required.");
            }

            if (!names.Add(name))
            {
                throw new RequestRejectedException(path + ".name", $"'{path}.name': the tool name '{CompatJson.Safe(name)}' is used twice.");
            }

            if (schema is not { ValueKind: JsonValueKind.Object } parameters)
            {
                throw new RequestRejectedException(path + ".input_schema", $"'{path}.input_schema' is required: a JSON Schema object.");
            }

            tools.Add(new ToolDefinition(name, description, parameters) { Param = path + ".input_schema" });
        }

        return tools;
    }

    /// <param name="parallel">False when <c>disable_parallel_tool_use</c> is true: at most one call per reply.</param>
    public static ToolChoice ReadToolChoice(JsonElement value, bool emulate, out bool parallel)
    {
        parallel = true;
        if (CompatJson.IsNull(value))
        {
            return ToolChoice.Auto;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var typeValue))
        {
            throw new RequestRejectedException("tool_choice", "'tool_choice' must be an object with 'type' (auto, any, tool or none).");
        }

        var type = CompatJson.RequireString(typeValue, "tool_choice.type");
        string? name = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    break;
                case "name" when type == "tool":
                    name = CompatJson.RequireString(property.Value, "tool_choice.name");
                    break;
                case "disable_parallel_tool_use":
                    parallel = CompatJson.Bool(property.Value, "tool_choice.disable_parallel_tool_use") != true;
                    break;
                default:
                    var param = "tool_choice." + CompatJson.Safe(property.Name);
                    throw new RequestRejectedException(param, $"'{param}': unknown field.");
            }
        }

        if (!emulate && type is "any" or "tool")
        {
            throw Refuse("tool_choice", "'tool_choice' " + NoToolsMessage);
        }

        return type switch
        {
            "auto" => ToolChoice.Auto,
            "none" => ToolChoice.None,
            "any" => ToolChoice.Required,
            "tool" => string.IsNullOrWhiteSpace(name)
                ? throw new RequestRejectedException("tool_choice.name", "'tool_choice.name' is required when 'tool_choice.type' is tool.")
                : ToolChoice.Named(name),
            _ => throw new RequestRejectedException("tool_choice.type", "'tool_choice.type' must be auto, any, tool or none."),
        };
    }

    /// <summary>Checks a named choice against the tools offered (Anthropic refuses a choice naming no tool).</summary>
    public static void CheckChoice(ToolChoice choice, IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Named && tools.Count == 0)
        {
            throw new RequestRejectedException("tool_choice", "'tool_choice' asks for a tool call, but 'tools' offers none.");
        }

        if (choice.Mode == ToolChoiceMode.Named && !tools.Any(t => t.Name == choice.Name))
        {
            throw new RequestRejectedException("tool_choice.name", $"'tool_choice.name' '{CompatJson.Safe(choice.Name!)}' is not one of the tools offered.");
        }
    }

    private static RequestRejectedException Refuse(string param, string message) => new(param, message, BridgeErrorCode.InvalidBody);
}
