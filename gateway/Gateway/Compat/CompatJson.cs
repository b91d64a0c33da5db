using System.Text.Json;
using System.Text;
using BridgeEngine.Contracts;
using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>Small helpers both request readers and writers share.</summary>
internal static class CompatJson
{
    /// <summary>
    /// API JSON, never embedded in HTML: quotes and most non-ASCII text (accents, CJK) are written as they are, not as
    /// \u escapes, which keeps streamed deltas small and readable. Control characters (and, by the encoder's rule,
    /// characters outside the basic plane such as emoji) are still escaped: valid JSON either way.
    /// </summary>
    public static JsonWriterOptions WriterOptions => Output.JsonOutput.WriterOptions;

    public static string Describe(JsonValueKind kind) => JsonValueText.Describe(kind);

    public static string Safe(string name) => JsonValueText.SafeName(name);

    /// <summary>A string field that may be absent or null.</summary>
    public static string? OptionalString(JsonElement value, string param) => IsNull(value) ? null : RequireString(value, param);

    /// <summary>Every compatible surface names its model in the body (OpenAI, Responses, Anthropic).</summary>
    public static string RequireModel(string? model) =>
        string.IsNullOrWhiteSpace(model) ? throw new RequestRejectedException("model", "'model' is required: a model id from GET /v1/models.") : model;

    public static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public static string RequireString(JsonElement value, string param)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestRejectedException(param, $"'{param}' must be a string, not {Describe(value.ValueKind)}.");
        }

        return value.GetString()!;
    }

    public static bool? Bool(JsonElement value, string param) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => throw new RequestRejectedException(param, $"'{param}' must be true or false, not {Describe(value.ValueKind)}."),
    };

    /// <summary>
    /// The answer text as the compatible surfaces return it: Gemini's Markdown, then any images (generated or web
    /// results) as Markdown image lines, since neither API has a field for images in a text answer.
    /// </summary>
    public static string TextWithImages(ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Text + ImagesSuffix(result);
    }

    /// <summary>What <see cref="TextWithImages"/> adds after the text: empty when there are no images.</summary>
    public static string ImagesSuffix(ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Images.Count == 0)
        {
            return string.Empty;
        }

        var suffix = new StringBuilder();
        foreach (var image in result.Images)
        {
            var alt = (image.Alt ?? image.Title ?? "image").Replace("]", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
            suffix.Append("\n\n![").Append(alt).Append("](").Append(image.Url).Append(')');
        }

        return suffix.ToString();
    }
}
