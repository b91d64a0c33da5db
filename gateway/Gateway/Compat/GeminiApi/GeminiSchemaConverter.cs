using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// The Gemini API's <c>Schema</c> (an OpenAPI 3.0 subset: upper-case <c>type</c>, <c>nullable</c>,
/// <c>propertyOrdering</c>) as JSON Schema, for <c>functionDeclarations[].parameters</c> and
/// <c>generationConfig.responseSchema</c>. (<c>parametersJsonSchema</c> / <c>responseJsonSchema</c> are JSON Schema
/// already and are used as they are.)
/// </summary>
internal static class GeminiSchemaConverter
{
    private static readonly HashSet<string> Copied = new(StringComparer.Ordinal)
    {
        "format", "description", "title", "enum", "required", "minimum", "maximum", "minItems", "maxItems", "minLength",
        "maxLength", "pattern", "minProperties", "maxProperties", "default",
    };

    public static JsonElement ToJsonSchema(JsonElement schema, string param)
    {
        var node = Convert(schema, param, 0);
        return ToolJson.Parse(node.ToJsonString());
    }

    private static JsonObject Convert(JsonElement schema, string param, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(param, $"'{param}' must be a Schema object, not {CompatJson.Describe(schema.ValueKind)}.");
        }

        if (depth > 32)
        {
            throw new RequestRejectedException(param, $"'{param}' is nested too deeply.");
        }

        var result = new JsonObject();
        string? type = null;
        var nullable = false;
        foreach (var property in schema.EnumerateObject())
        {
            var name = GeminiRequestReader.Camel(property.Name);
            var value = property.Value;
            switch (name)
            {
                case "type" when value.ValueKind == JsonValueKind.String:
                    type = value.GetString()!.ToLowerInvariant();
                    break;
                case "nullable":
                    nullable = value.ValueKind == JsonValueKind.True;
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    var properties = new JsonObject();
                    foreach (var child in value.EnumerateObject())
                    {
                        properties[child.Name] = Convert(child.Value, $"{param}.properties.{CompatJson.Safe(child.Name)}", depth + 1);
                    }

                    result["properties"] = properties;
                    break;
                case "items":
                    result["items"] = Convert(value, param + ".items", depth + 1);
                    break;
                case "anyOf" when value.ValueKind == JsonValueKind.Array:
                    var options = new JsonArray();
                    var index = 0;
                    foreach (var option in value.EnumerateArray())
                    {
                        options.Add(Convert(option, $"{param}.anyOf[{index++}]", depth + 1));
                    }

                    result["anyOf"] = options;
                    break;
                default:
                    if (Copied.Contains(name))
                    {
                        result[name] = JsonNode.Parse(value.GetRawText());
                    }

                    // propertyOrdering, example and other presentation hints do not constrain the value.
                    break;
            }
        }

        if (type is not null and not "type_unspecified")
        {
            result["type"] = nullable ? new JsonArray(type, "null") : type;
            if (nullable && result["enum"] is JsonArray values)
            {
                values.Add(null);
            }
        }

        return result;
    }
}
