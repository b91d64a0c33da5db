using System.Globalization;
using System.Text.Json.Nodes;

namespace GeminiSimulator.Answers;

/// <summary>
/// A deterministic value that satisfies a JSON Schema, as a model following the schema would write it: every declared
/// property filled, the first enum value or <c>const</c>, numbers at their minimum or 1, one array item. String
/// properties take <c>name=value</c> from the user's message when it has one (so tests can steer arguments).
/// <see cref="Wrong"/> gives a value of the wrong type for each declared property, for the invalid-arguments play.
/// </summary>
internal static class SchemaSample
{
    private const int MaxDepth = 12;

    /// <summary>A model writes a bounded answer: a schema asking for more items or characters gets this many (and fails its check).</summary>
    private const int MaxItems = 50;

    private const int MaxLength = 10_000;

    public static JsonNode? Valid(JsonNode? schema, IReadOnlyDictionary<string, string> hints) => Sample(schema, schema, hints, null, 0);

    public static JsonObject Wrong(JsonNode? schema)
    {
        var wrong = new JsonObject();
        if (schema is JsonObject obj && obj["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                wrong[name] = TypeOf(property) is "string" ? JsonValue.Create(12345) : JsonValue.Create("not-the-right-type");
            }
        }
        else
        {
            wrong["sim_invalid"] = true;
        }

        return wrong;
    }

    private static JsonNode? Sample(JsonNode? schema, JsonNode? root, IReadOnlyDictionary<string, string> hints, string? name, int depth)
    {
        if (schema is not JsonObject obj || depth > MaxDepth)
        {
            return "sim";
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference && Resolve(root, reference) is { } target)
        {
            return Sample(target, root, hints, name, depth + 1);
        }

        if (obj["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        if (obj["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]?.DeepClone();
        }

        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (obj[combinator] is JsonArray { Count: > 0 } options && TypeOf(obj) is null)
            {
                return Sample(options.FirstOrDefault(o => TypeOf(o) != "null") ?? options[0], root, hints, name, depth + 1);
            }
        }

        switch (TypeOf(obj))
        {
            case "object":
            case null when obj["properties"] is not null:
                var result = new JsonObject();
                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (key, property) in properties)
                    {
                        result[key] = Sample(property, root, hints, key, depth + 1);
                    }
                }

                return result;
            case "array":
                // Clamped before the cast: a double beyond int saturates to int.MaxValue (two billion items, no answer).
                var count = (int)Math.Clamp(Number(obj["minItems"]) ?? 1, 1, MaxItems);
                var array = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    array.Add(Sample(obj["items"], root, hints, name, depth + 1));
                }

                return array;
            case "integer":
                return JsonValue.Create((long)Math.Ceiling(Number(obj["minimum"]) ?? 1));
            case "number":
                return JsonValue.Create(Number(obj["minimum"]) ?? 1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "null":
                return null;
            default:
                if (name is not null && hints.TryGetValue(name, out var hint))
                {
                    return hint;
                }

                var text = obj["format"]?.GetValue<string>() switch
                {
                    "date" => "2026-01-01",
                    "date-time" => "2026-01-01T00:00:00Z",
                    "email" => "sim@example.com",
                    "uri" => "https://example.com/sim",
                    _ => "sim-" + (name ?? "value"),
                };
                var min = (int)Math.Clamp(Number(obj["minLength"]) ?? 0, 0, MaxLength);
                return text.Length >= min ? text : text.PadRight(min, 'x');
        }
    }

    private static string? TypeOf(JsonNode? schema)
    {
        var type = (schema as JsonObject)?["type"];
        return type switch
        {
            JsonValue value when value.TryGetValue<string>(out var single) => single,
            JsonArray list => list.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
            _ => null,
        };
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static JsonNode? Resolve(JsonNode? root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = (node as JsonObject)?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }
}
