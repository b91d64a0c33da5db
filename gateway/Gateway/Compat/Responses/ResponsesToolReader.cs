using System.Text.Json;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// <c>tools</c> (function tools, emulated), <c>tool_choice</c> and <c>text.format</c> (json_object / json_schema,
/// emulated structured output). Hosted tools (web search, file search, code interpreter, ...) are refused by name.
/// With emulation switched off (<c>Compat:Tools:Mode=reject</c>) tools and JSON formats are refused.
/// </summary>
internal static class ResponsesToolReader
{
    private const string Off = "tool emulation is switched off on this gateway (Compat:Tools:Mode=reject)";

    public static IReadOnlyList<ToolDefinition> Tools(JsonElement value, bool emulate)
    {
        if (CompatJson.IsNull(value) || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("tools", $"'tools' must be an array, not {CompatJson.Describe(value.ValueKind)}.");
        }

        if (!emulate)
        {
            throw new RequestRejectedException("tools", $"'tools' is not supported: {Off}.");
        }

        var tools = new List<ToolDefinition>();
        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            var type = tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var typeValue) ? CompatJson.RequireString(typeValue, path + ".type") : throw new RequestRejectedException(path, $"'{path}' must be an object with a 'type'.");
            if (type != "function")
            {
                throw new RequestRejectedException(path + ".type", $"'{path}.type' '{CompatJson.Safe(type)}' is not supported: only function tools are emulated (the gateway runs no hosted tools).");
            }

            var name = tool.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".name") : throw new RequestRejectedException(path + ".name", $"'{path}.name' is required.");
            if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new RequestRejectedException(path + ".name", $"'{path}.name' must be 1 to 128 letters, digits, '_', '-' or '.'.");
            }

            if (tools.Any(t => t.Name == name))
            {
                throw new RequestRejectedException(path + ".name", $"'{path}.name' repeats the tool name '{name}'.");
            }

            var description = tool.TryGetProperty("description", out var descriptionValue) && !CompatJson.IsNull(descriptionValue) ? CompatJson.RequireString(descriptionValue, path + ".description") : null;
            var parameters = tool.TryGetProperty("parameters", out var parametersValue) && !CompatJson.IsNull(parametersValue) ? parametersValue : ToolDefinition.NoParameters;
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path + ".parameters", $"'{path}.parameters' must be a JSON Schema object.");
            }

            tools.Add(new ToolDefinition(name, description, parameters.Clone()) { Param = path + ".parameters" });
        }

        return tools;
    }

    public static ToolChoice Choice(JsonElement value, IReadOnlyList<ToolDefinition> tools)
    {
        if (CompatJson.IsNull(value))
        {
            return ToolChoice.Auto;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" when tools.Count > 0 => ToolChoice.Required,
                "required" => throw new RequestRejectedException("tool_choice", "'tool_choice' 'required' needs at least one tool in 'tools'."),
                _ => throw new RequestRejectedException("tool_choice", "'tool_choice' must be auto, none, required or {\"type\":\"function\",\"name\":...}."),
            };
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "function")
        {
            var name = value.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, "tool_choice.name") : throw new RequestRejectedException("tool_choice.name", "'tool_choice.name' is required.");
            if (tools.All(t => t.Name != name))
            {
                throw new RequestRejectedException("tool_choice.name", $"'tool_choice.name' names '{CompatJson.Safe(name)}', which is not in 'tools'.");
            }

            return ToolChoice.Named(name);
        }

        throw new RequestRejectedException("tool_choice", "'tool_choice' must be auto, none, required or {\"type\":\"function\",\"name\":...}: hosted tool choices are not supported.");
    }

    /// <summary><c>text</c>: the format (null = free text) and whether verbosity was given (ignored).</summary>
    public static (StructuredOutput? Output, JsonElement? Format, bool Verbosity) Text(JsonElement value, bool emulate)
    {
        if (CompatJson.IsNull(value))
        {
            return (null, null, false);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("text", $"'text' must be an object, not {CompatJson.Describe(value.ValueKind)}.");
        }

        StructuredOutput? output = null;
        JsonElement? format = null;
        var verbosity = false;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "format":
                    if (!CompatJson.IsNull(property.Value))
                    {
                        format = property.Value.Clone();
                        output = Format(property.Value, emulate);
                    }

                    break;
                case "verbosity":
                    verbosity = !CompatJson.IsNull(property.Value);
                    break;
                default:
                    throw new RequestRejectedException("text." + CompatJson.Safe(property.Name), $"Unrecognized request argument supplied: text.{CompatJson.Safe(property.Name)}");
            }
        }

        return (output, format, verbosity);
    }

    private static StructuredOutput? Format(JsonElement format, bool emulate)
    {
        var type = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var typeValue) ? CompatJson.RequireString(typeValue, "text.format.type") : throw new RequestRejectedException("text.format", "'text.format' must be an object with a 'type'.");
        if (type == "text")
        {
            return null;
        }

        if (type is not ("json_object" or "json_schema"))
        {
            throw new RequestRejectedException("text.format.type", "'text.format.type' must be text, json_object or json_schema.");
        }

        if (!emulate)
        {
            throw new RequestRejectedException("text.format", $"'text.format' {type} is not supported: {Off}.");
        }

        if (type == "json_object")
        {
            return StructuredOutput.AnyObject("text.format");
        }

        var schema = format.TryGetProperty("schema", out var schemaValue) && schemaValue.ValueKind == JsonValueKind.Object
            ? schemaValue.Clone()
            : throw new RequestRejectedException("text.format.schema", "'text.format.schema' is required for json_schema (a JSON Schema object).");
        var name = format.TryGetProperty("name", out var nameValue) && nameValue.ValueKind == JsonValueKind.String ? nameValue.GetString() : null;
        var description = format.TryGetProperty("description", out var descriptionValue) && descriptionValue.ValueKind == JsonValueKind.String ? descriptionValue.GetString() : null;
        var strict = format.TryGetProperty("strict", out var strictValue) && CompatJson.Bool(strictValue, "text.format.strict") == true;
        return new StructuredOutput(schema, name, description, strict, "text.format.schema");
    }
}
