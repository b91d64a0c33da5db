using System.Text.Json;
using System.Text.RegularExpressions;
using BridgeEngine.Errors;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Reads Chat Completions' <c>tools</c> (and the legacy <c>functions</c>), <c>tool_choice</c> (<c>function_call</c>)
/// and <c>response_format</c> into the emulation's model. Under <c>Compat:Tools:Mode = reject</c> each is refused with
/// the 400 the gateway gave before emulation.
/// </summary>
internal static partial class OpenAiToolReader
{
    public const string NoToolsMessage = "is not supported: the Gemini web app has no tool or function calling (the gateway's emulation is switched off: Compat:Tools:Mode = reject).";

    public static List<ToolDefinition> ReadTools(JsonElement value, string name, bool emulate)
    {
        if (CompatJson.IsNull(value) || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            return [];
        }

        if (!emulate)
        {
            throw Unsupported(name, $"'{name}' {NoToolsMessage}");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException(name, $"'{name}' must be an array, not {CompatJson.Describe(value.ValueKind)}.");
        }

        var tools = new List<ToolDefinition>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be an object.");
            }

            var function = item;
            var functionPath = path;
            if (name == "tools")
            {
                var type = item.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString() : null;
                if (type != "function")
                {
                    throw Unsupported(path + ".type", $"'{path}.type' must be 'function': only function tools can be emulated (no built-in or custom tools).");
                }

                if (!item.TryGetProperty("function", out function) || function.ValueKind != JsonValueKind.Object)
                {
                    throw new RequestRejectedException(path + ".function", $"'{path}.function' is required.");
                }

                functionPath = path + ".function";
            }

            tools.Add(ReadFunction(function, functionPath));
        }

        var duplicate = tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RequestRejectedException(name, $"'{name}' names the function '{duplicate.Key}' more than once.");
        }

        return tools;
    }

    public static ToolChoice ReadToolChoice(JsonElement value, string name, bool emulate)
    {
        if (CompatJson.IsNull(value))
        {
            return ToolChoice.Auto;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "auto":
                    return ToolChoice.Auto;
                case "none":
                    return ToolChoice.None;
                case "required" when emulate && name == "tool_choice":
                    return ToolChoice.Required;
            }
        }

        if (!emulate)
        {
            throw Unsupported(name, $"'{name}' {NoToolsMessage}");
        }

        // {"type":"function","function":{"name":...}} (tool_choice) or {"name":...} (function_call).
        if (value.ValueKind == JsonValueKind.Object)
        {
            var function = name == "tool_choice" && value.TryGetProperty("function", out var inner) ? inner : value;
            if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("name", out var toolName) && toolName.ValueKind == JsonValueKind.String && toolName.GetString() is { Length: > 0 } chosen)
            {
                return ToolChoice.Named(chosen);
            }
        }

        throw new RequestRejectedException(name, name == "tool_choice"
            ? "'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}."
            : "'function_call' must be 'none', 'auto' or {\"name\":...}.");
    }

    public static StructuredOutput? ReadResponseFormat(JsonElement value, bool emulate)
    {
        const string Param = "response_format";
        if (CompatJson.IsNull(value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
        {
            throw new RequestRejectedException(Param, "'response_format' must be an object with a 'type' (text, json_object or json_schema).");
        }

        var type = typeValue.GetString();
        if (type == "text")
        {
            return null;
        }

        if (!emulate)
        {
            throw Unsupported(Param, "'response_format' other than {\"type\":\"text\"} is not supported: the Gemini web app has no JSON mode or structured output (the gateway's emulation is switched off: Compat:Tools:Mode = reject).");
        }

        switch (type)
        {
            case "json_object":
                return StructuredOutput.AnyObject(Param);
            case "json_schema":
                if (!value.TryGetProperty("json_schema", out var spec) || spec.ValueKind != JsonValueKind.Object)
                {
                    throw new RequestRejectedException(Param + ".json_schema", "'response_format.json_schema' is required with type json_schema.");
                }

                var name = spec.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, Param + ".json_schema.name") : null;
                var description = spec.TryGetProperty("description", out var descriptionValue) && !CompatJson.IsNull(descriptionValue) ? CompatJson.RequireString(descriptionValue, Param + ".json_schema.description") : null;
                var strict = spec.TryGetProperty("strict", out var strictValue) && CompatJson.Bool(strictValue, Param + ".json_schema.strict") == true;
                JsonElement? schema = spec.TryGetProperty("schema", out var schemaValue) && !CompatJson.IsNull(schemaValue) ? schemaValue.Clone() : null;
                return new StructuredOutput(schema, name, description, strict, Param + ".json_schema.schema");
            default:
                throw new RequestRejectedException(Param + ".type", $"'response_format.type' must be text, json_object or json_schema, not '{CompatJson.Safe(type ?? string.Empty)}'.");
        }
    }

    /// <summary>A named tool choice must name a given tool.</summary>
    public static void CheckChoice(ToolChoice choice, IReadOnlyList<ToolDefinition> tools, string param)
    {
        if (choice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Named && tools.Count == 0)
        {
            throw new RequestRejectedException(param, $"'{param}' asks for a tool call, but 'tools' is empty.");
        }

        if (choice.Mode == ToolChoiceMode.Named && tools.All(t => t.Name != choice.Name))
        {
            throw new RequestRejectedException(param, $"'{param}' names the function '{CompatJson.Safe(choice.Name!)}', which is not in 'tools'.");
        }
    }

    private static ToolDefinition ReadFunction(JsonElement function, string path)
    {
        var name = function.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".name") : throw new RequestRejectedException(path + ".name", $"'{path}.name' is required.");
        if (!NamePattern().IsMatch(name))
        {
            throw new RequestRejectedException(path + ".name", $"'{path}.name' must be 1-64 characters of a-z, A-Z, 0-9, underscores and dashes.");
        }

        var description = function.TryGetProperty("description", out var descriptionValue) && !CompatJson.IsNull(descriptionValue) ? CompatJson.RequireString(descriptionValue, path + ".description") : null;
        var parameters = function.TryGetProperty("parameters", out var parametersValue) && !CompatJson.IsNull(parametersValue) ? parametersValue.Clone() : ToolDefinition.NoParameters;
        return new ToolDefinition(name, description, parameters) { Param = path + ".parameters" };
    }

    private static RequestRejectedException Unsupported(string param, string message) => new(param, message, BridgeErrorCode.InvalidBody);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
