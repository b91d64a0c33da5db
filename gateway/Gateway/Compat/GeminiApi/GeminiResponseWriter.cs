using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// <c>GenerateContentResponse</c> objects: one for <c>generateContent</c>, one per upstream step for
/// <c>streamGenerateContent</c>. Thinking text is a part with <c>thought: true</c> (only when the request asked for
/// <c>thinkingConfig.includeThoughts</c>, as the Gemini API does). Emulated calls are <c>functionCall</c> parts (with the
/// gateway's call id). <c>usageMetadata</c> is the gateway's estimate (<see cref="UsageEstimator"/>, flagged by
/// <c>x-bridge-usage-estimated</c>) on the complete response and on a stream's last chunk: the Gemini web app reports
/// no token counts.
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

    public void WriteResponse(Utf8JsonWriter json, ChatResult result, bool includeThoughts, IReadOnlyList<ToolCall> calls, UsageEstimate usage)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(calls);
        Write(json, result, usage, j =>
        {
            if (includeThoughts && !string.IsNullOrEmpty(result.Thoughts))
            {
                WritePart(j, result.Thoughts, thought: true);
            }

            var text = CompatJson.TextWithImages(result);
            if (text.Length > 0 || calls.Count == 0)
            {
                WritePart(j, text, thought: false);
            }

            WriteCalls(j, calls);
        });
    }

    public void WriteChunk(Utf8JsonWriter json, string text, bool thought) => Write(json, null, null, j => WritePart(j, text, thought));

    /// <summary>The last chunk: any images as Markdown, emulated calls, the finish reason, the citations and the usage.</summary>
    public void WriteFinalChunk(Utf8JsonWriter json, ChatResult result, IReadOnlyList<ToolCall> calls, UsageEstimate usage)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(calls);
        Write(json, result, usage, j =>
        {
            var images = CompatJson.ImagesSuffix(result);
            if (images.Length > 0 || calls.Count == 0)
            {
                WritePart(j, images, thought: false);
            }

            WriteCalls(j, calls);
        });
    }

    private static void WriteCalls(Utf8JsonWriter json, IReadOnlyList<ToolCall> calls)
    {
        foreach (var call in calls)
        {
            json.WriteStartObject();
            json.WriteStartObject("functionCall");
            json.WriteString("id", call.Id);
            json.WriteString("name", call.Name);
            json.WritePropertyName("args");
            call.Arguments.WriteTo(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private void Write(Utf8JsonWriter json, ChatResult? finished, UsageEstimate? usage, Action<Utf8JsonWriter> parts)
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
        if (usage is not null)
        {
            json.WriteStartObject("usageMetadata");
            json.WriteNumber("promptTokenCount", usage.PromptTokens);
            json.WriteNumber("candidatesTokenCount", usage.CompletionTokens);
            if (usage.ThoughtsTokens > 0)
            {
                json.WriteNumber("thoughtsTokenCount", usage.ThoughtsTokens);
            }

            json.WriteNumber("totalTokenCount", usage.TotalTokens);
            json.WriteEndObject();
        }

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
