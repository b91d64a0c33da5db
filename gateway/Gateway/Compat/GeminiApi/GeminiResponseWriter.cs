using System.Text.Json;
using BridgeEngine.Contracts;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// <c>GenerateContentResponse</c> objects: one for <c>generateContent</c>, one per upstream step for
/// <c>streamGenerateContent</c>. Thinking text is a part with <c>thought: true</c> (only when the request asked for
/// <c>thinkingConfig.includeThoughts</c>, as the Gemini API does). No <c>usageMetadata</c>: the Gemini web app reports
/// no token counts, and the gateway does not invent them.
/// </summary>
internal sealed class GeminiResponseWriter
{
    private readonly string _responseId;
    private readonly string _modelVersion;

    public GeminiResponseWriter(string responseId, string modelVersion)
    {
        _responseId = responseId;
        _modelVersion = modelVersion;
    }

    public void WriteResponse(Utf8JsonWriter json, ChatResult result, bool includeThoughts)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        Write(json, result, j =>
        {
            if (includeThoughts && !string.IsNullOrEmpty(result.Thoughts))
            {
                WritePart(j, result.Thoughts, thought: true);
            }

            WritePart(j, CompatJson.TextWithImages(result), thought: false);
        });
    }

    public void WriteChunk(Utf8JsonWriter json, string text, bool thought) => Write(json, null, j => WritePart(j, text, thought));

    /// <summary>The last chunk: any images as Markdown, the finish reason and the citations.</summary>
    public void WriteFinalChunk(Utf8JsonWriter json, ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write(json, result, j => WritePart(j, CompatJson.ImagesSuffix(result), thought: false));
    }

    private void Write(Utf8JsonWriter json, ChatResult? finished, Action<Utf8JsonWriter> parts)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartArray("candidates");
        json.WriteStartObject();
        json.WriteStartObject("content");
        json.WriteStartArray("parts");
        parts(json);
        json.WriteEndArray();
        json.WriteString("role", "model");
        json.WriteEndObject();
        if (finished is not null)
        {
            json.WriteString("finishReason", "STOP");
            if (finished.Citations.Count > 0)
            {
                json.WriteStartObject("citationMetadata");
                json.WriteStartArray("citationSources");
                foreach (var citation in finished.Citations)
                {
                    json.WriteStartObject();
                    json.WriteString("uri", citation.Url);
                    if (citation.Title is { } title)
                    {
                        json.WriteString("title", title);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        json.WriteNumber("index", 0);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("modelVersion", _modelVersion);
        json.WriteString("responseId", _responseId);
        json.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter json, string text, bool thought)
    {
        json.WriteStartObject();
        json.WriteString("text", text);
        if (thought)
        {
            json.WriteBoolean("thought", true);
        }

        json.WriteEndObject();
    }
}
