using System.Text.Encodings.Web;
using System.Text.Json;

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

    /// <summary>Parses and clones (the caller keeps no document).</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
