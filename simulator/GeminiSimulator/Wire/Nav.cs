using System.Text.Json;
using System.Text.Json.Nodes;

namespace GeminiSimulator.Wire;

/// <summary>§2.5 safe navigation over request JSON: out of range, wrong type or null gives the default.</summary>
internal static class Nav
{
    public static JsonNode? At(JsonNode? node, params int[] path)
    {
        var current = node;
        foreach (var index in path)
        {
            if (current is JsonArray array && index >= 0 && index < array.Count)
            {
                current = array[index];
            }
            else if (current is JsonObject obj && obj.TryGetPropertyValue((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out var value))
            {
                current = value;
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    public static string? Str(JsonNode? node, params int[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Long(JsonNode? node, params int[] path)
    {
        if (At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        return null;
    }

    public static JsonArray? Arr(JsonNode? node, params int[] path) => At(node, path) as JsonArray;

    /// <summary>First string found in a depth-first walk (§9.1: the model id is the first string element).</summary>
    public static string? FirstString(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return v.GetValue<string>();
            case JsonArray a:
                foreach (var item in a)
                {
                    var s = FirstString(item);
                    if (s is not null)
                    {
                        return s;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
