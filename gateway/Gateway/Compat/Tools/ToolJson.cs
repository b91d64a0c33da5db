using System.Text.Encodings.Web;
using System.Text.Json;
using BridgeEngine.Parsing;

namespace Gateway.Compat.Tools;

/// <summary>JSON options of the emulation: compact, non-ASCII kept readable (prompts and arguments strings).</summary>
internal static class ToolJson
{
    public static JsonSerializerOptions Compact { get; } = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(ToolJsonContext.Default),
    };

    /// <summary>A value's compact JSON text.</summary>
    public static string Text(JsonElement value) => JsonSerializer.Serialize(value, Compact);

    /// <summary>
    /// Parses and clones (the caller keeps no document). JSON held in a string (a client's <c>arguments</c>, a model's
    /// tool call) has not been through the body's text check: an escape that decodes to a lone surrogate
    /// (<c>"\ud800"</c>) is refused here as invalid JSON, since every later read of that string would throw.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON, or not valid Unicode.</exception>
    public static JsonElement Parse(string json)
    {
        if (!Utf8Text.IsValidJsonText(json))
        {
            throw new JsonException("The JSON text holds a \\u escape that is not valid Unicode (a lone surrogate).");
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
