using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// Reads the Gemini API's <c>tools[].functionDeclarations</c>, <c>toolConfig.functionCallingConfig</c>,
/// <c>functionCall</c> / <c>functionResponse</c> parts and JSON mode (<c>responseMimeType</c>,
/// <c>responseSchema</c>, <c>responseJsonSchema</c>) into the emulation's model. Under <c>Compat:Tools:Mode =
/// reject</c> each is refused with the 400 the gateway gave before emulation. Only function declarations can be
/// emulated: Google Search, code execution, URL context and the like are refused by name.
/// </summary>
internal static partial class GeminiToolReader
{
    public const string NoToolsMessage = "is not supported: the Gemini web app has no function calling, code execution or tool configuration (the gateway's emulation is switched off: Compat:Tools:Mode = reject).";

    private static readonly JsonElement EmptyObject = ToolJson.Parse("{}");

    public static List<ToolDefinition> ReadTools(JsonElement value, bool emulate)
    {
        const string Param = "tools";
        if (CompatJson.IsNull(value) || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            return [];
        }

        if (!emulate)
        {
            throw new RequestRejectedException(Param, $"'{Param}' {NoToolsMessage}");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException(Param, $"'{Param}' must be an array of Tool objects.");
        }

        var tools = new List<ToolDefinition>();
        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be a Tool object.");
            }

            foreach (var property in tool.EnumerateObject())
            {
                var name = GeminiRequestReader.Camel(property.Name);
                if (name != "functionDeclarations")
                {
                    throw new RequestRejectedException($"{path}.{CompatJson.Safe(name)}", $"'{path}.{CompatJson.Safe(name)}' is not supported: only functionDeclarations can be emulated on the Gemini web app.");
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new RequestRejectedException(path + ".functionDeclarations", $"'{path}.functionDeclarations' must be an array.");
                }

                var declaration = 0;
                foreach (var function in property.Value.EnumerateArray())
                {
                    tools.Add(ReadDeclaration(function, $"{path}.functionDeclarations[{declaration++}]"));
                }
            }
        }

        var duplicate = tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RequestRejectedException(Param, $"'{Param}' declares the function '{duplicate.Key}' more than once.");
        }

        return tools;
    }

    public static ToolChoice ReadToolConfig(JsonElement value, bool emulate)
    {
        const string Param = "toolConfig";
        if (CompatJson.IsNull(value))
        {
            return ToolChoice.Auto;
        }

        if (!emulate)
        {
            throw new RequestRejectedException(Param, $"'{Param}' {NoToolsMessage}");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(Param, $"'{Param}' must be an object.");
        }

        var choice = ToolChoice.Auto;
        foreach (var property in value.EnumerateObject())
        {
            var name = GeminiRequestReader.Camel(property.Name);
            switch (name)
            {
                case "functionCallingConfig":
                    choice = ReadFunctionCallingConfig(property.Value);
                    break;
                case "retrievalConfig":
                    break;
                default:
                    throw new RequestRejectedException($"{Param}.{CompatJson.Safe(name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at 'tool_config': cannot find field.");
            }
        }

        return choice;
    }

    /// <summary>JSON mode: <c>responseMimeType: application/json</c>, with a schema in either dialect.</summary>
    public static StructuredOutput? ReadOutput(string? mime, JsonElement? schema, JsonElement? jsonSchema, bool emulate)
    {
        var json = string.Equals(mime, "application/json", StringComparison.OrdinalIgnoreCase);
        if (!json && mime is not (null or "" or "text/plain"))
        {
            throw new RequestRejectedException("generationConfig.responseMimeType", $"'generationConfig.responseMimeType' must be text/plain or application/json, not '{CompatJson.Safe(mime)}'.");
        }

        if (!emulate && (json || schema is not null || jsonSchema is not null))
        {
            var field = json ? "generationConfig.responseMimeType" : schema is not null ? "generationConfig.responseSchema" : "generationConfig.responseJsonSchema";
            throw new RequestRejectedException(field, $"'{field}' is not supported: the Gemini web app has no JSON mode (the gateway's emulation is switched off: Compat:Tools:Mode = reject).");
        }

        if (schema is not null && jsonSchema is not null)
        {
            throw new RequestRejectedException("generationConfig.responseJsonSchema", "Set either 'generationConfig.responseSchema' or 'generationConfig.responseJsonSchema', not both.");
        }

        if (!json)
        {
            if (schema is not null || jsonSchema is not null)
            {
                var field = schema is not null ? "generationConfig.responseSchema" : "generationConfig.responseJsonSchema";
                throw new RequestRejectedException(field, $"'{field}' needs 'generationConfig.responseMimeType' application/json.");
            }

            return null;
        }

        if (jsonSchema is { } direct)
        {
            return new StructuredOutput(direct.Clone(), null, null, true, "generationConfig.responseJsonSchema");
        }

        if (schema is { } openApi)
        {
            return new StructuredOutput(GeminiSchemaConverter.ToJsonSchema(openApi, "generationConfig.responseSchema"), null, null, true, "generationConfig.responseSchema");
        }

        // JSON mode without a schema: any JSON value is what the Gemini API allows; an object is what clients expect.
        return StructuredOutput.AnyObject("generationConfig.responseMimeType");
    }

    /// <summary>A <c>functionCall</c> part: name, args (an object), optional id.</summary>
    public static ToolCall ReadCall(JsonElement value, string field)
    {
        string? name = null;
        string? id = null;
        JsonElement args = EmptyObject;
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(field, $"'{field}' must be an object with 'name' and 'args'.");
        }

        foreach (var property in value.EnumerateObject())
        {
            switch (GeminiRequestReader.Camel(property.Name))
            {
                case "name":
                    name = CompatJson.RequireString(property.Value, field + ".name");
                    break;
                case "id":
                    id = CompatJson.IsNull(property.Value) ? null : CompatJson.RequireString(property.Value, field + ".id");
                    break;
                case "args":
                    if (!CompatJson.IsNull(property.Value))
                    {
                        args = property.Value.ValueKind == JsonValueKind.Object ? property.Value.Clone() : throw new RequestRejectedException(field + ".args", $"'{field}.args' must be an object.");
                    }

                    break;
                default:
                    throw new RequestRejectedException($"{field}.{CompatJson.Safe(property.Name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at '{field}': cannot find field.");
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new RequestRejectedException(field + ".name", $"'{field}.name' is required.");
        }

        // Without an id (the Gemini API's usual case) the function's name links the call and its response.
        return new ToolCall(id ?? name, name, args);
    }

    /// <summary>A <c>functionResponse</c> part: name, response (an object, kept as its JSON text), optional id.</summary>
    public static ToolResult ReadResult(JsonElement value, string field)
    {
        string? name = null;
        string? id = null;
        string content = "{}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(field, $"'{field}' must be an object with 'name' and 'response'.");
        }

        foreach (var property in value.EnumerateObject())
        {
            switch (GeminiRequestReader.Camel(property.Name))
            {
                case "name":
                    name = CompatJson.RequireString(property.Value, field + ".name");
                    break;
                case "id":
                    id = CompatJson.IsNull(property.Value) ? null : CompatJson.RequireString(property.Value, field + ".id");
                    break;
                case "response":
                    content = CompatJson.IsNull(property.Value) ? "{}" : ToolJson.Text(property.Value);
                    break;
                case "willContinue" or "scheduling" or "parts":
                    break;
                default:
                    throw new RequestRejectedException($"{field}.{CompatJson.Safe(property.Name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at '{field}': cannot find field.");
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw new RequestRejectedException(field + ".name", $"'{field}.name' is required.");
        }

        return new ToolResult(id ?? name, name, content);
    }

    private static ToolChoice ReadFunctionCallingConfig(JsonElement value)
    {
        const string Param = "toolConfig.functionCallingConfig";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(Param, $"'{Param}' must be an object.");
        }

        var mode = "AUTO";
        var allowed = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            switch (GeminiRequestReader.Camel(property.Name))
            {
                case "mode":
                    mode = CompatJson.IsNull(property.Value) ? "AUTO" : CompatJson.RequireString(property.Value, Param + ".mode").ToUpperInvariant();
                    break;
                case "allowedFunctionNames":
                    if (property.Value.ValueKind == JsonValueKind.Array)
                    {
                        allowed.AddRange(property.Value.EnumerateArray().Select(n => CompatJson.RequireString(n, Param + ".allowedFunctionNames")));
                    }

                    break;
                default:
                    throw new RequestRejectedException($"{Param}.{CompatJson.Safe(property.Name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at 'tool_config.function_calling_config': cannot find field.");
            }
        }

        return mode switch
        {
            "AUTO" or "MODE_UNSPECIFIED" or "VALIDATED" => ToolChoice.Auto,
            "NONE" => ToolChoice.None,
            "ANY" when allowed.Count == 1 => ToolChoice.Named(allowed[0]),
            "ANY" => ToolChoice.Required,
            _ => throw new RequestRejectedException(Param + ".mode", $"'{Param}.mode' must be AUTO, ANY, NONE or VALIDATED."),
        };
    }

    private static ToolDefinition ReadDeclaration(JsonElement function, string path)
    {
        if (function.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(path, $"'{path}' must be a FunctionDeclaration object.");
        }

        string? name = null;
        string? description = null;
        JsonElement? parameters = null;
        foreach (var property in function.EnumerateObject())
        {
            var field = GeminiRequestReader.Camel(property.Name);
            var value = property.Value;
            switch (field)
            {
                case "name":
                    name = CompatJson.RequireString(value, path + ".name");
                    break;
                case "description":
                    description = CompatJson.IsNull(value) ? null : CompatJson.RequireString(value, path + ".description");
                    break;
                case "parameters" when !CompatJson.IsNull(value):
                    parameters = GeminiSchemaConverter.ToJsonSchema(value, path + ".parameters");
                    break;
                case "parametersJsonSchema" when !CompatJson.IsNull(value):
                    parameters = value.Clone();
                    break;
                case "parameters" or "parametersJsonSchema" or "response" or "responseJsonSchema" or "behavior":
                    break;
                default:
                    throw new RequestRejectedException($"{path}.{CompatJson.Safe(field)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at '{path}': cannot find field.");
            }
        }

        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new RequestRejectedException(path + ".name", $"'{path}.name' must be 1-64 characters of a-z, A-Z, 0-9, underscores, dots, colons and dashes, starting with a letter or an underscore.");
        }

        return new ToolDefinition(name, description, parameters ?? ToolDefinition.NoParameters) { Param = path + ".parameters" };
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
