using System.Text.Json;
using BridgeEngine.Contracts;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// The <c>chat.completion</c> object and the <c>chat.completion.chunk</c> objects of a stream. Thinking text goes in
/// <c>reasoning_content</c> (on the message, and on deltas), where OpenAI-compatible clients look for it. There is no
/// <c>usage</c>: the Gemini web app reports no token counts, and the gateway does not invent them.
/// </summary>
internal sealed class OpenAiCompletionWriter
{
    private readonly string _id;
    private readonly long _created;
    private readonly string _model;

    public OpenAiCompletionWriter(string id, long created, string model)
    {
        _id = id;
        _created = created;
        _model = model;
    }

    public void WriteCompletion(Utf8JsonWriter json, ChatResult result, bool includeThoughts)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartObject();
        WriteHead(json, "chat.completion");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", CompatJson.TextWithImages(result));
        if (includeThoughts && !string.IsNullOrEmpty(result.Thoughts))
        {
            json.WriteString("reasoning_content", result.Thoughts);
        }

        json.WriteNull("refusal");
        json.WriteStartArray("annotations");
        foreach (var citation in result.Citations)
        {
            json.WriteStartObject();
            json.WriteString("type", "url_citation");
            json.WriteStartObject("url_citation");
            json.WriteString("url", citation.Url);
            json.WriteString("title", citation.Title ?? citation.Url);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", "stop");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The first chunk: the role, as OpenAI sends it.</summary>
    public void WriteRoleChunk(Utf8JsonWriter json) => WriteChunk(json, static j =>
    {
        j.WriteString("role", "assistant");
        j.WriteString("content", string.Empty);
    }, finishReason: null);

    public void WriteContentChunk(Utf8JsonWriter json, string text) => WriteChunk(json, j => j.WriteString("content", text), finishReason: null);

    public void WriteReasoningChunk(Utf8JsonWriter json, string text) => WriteChunk(json, j => j.WriteString("reasoning_content", text), finishReason: null);

    /// <summary>The last chunk: an empty delta with the finish reason.</summary>
    public void WriteFinishChunk(Utf8JsonWriter json) => WriteChunk(json, static _ => { }, "stop");

    private void WriteChunk(Utf8JsonWriter json, Action<Utf8JsonWriter> delta, string? finishReason)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteHead(json, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        delta(json);
        json.WriteEndObject();
        json.WriteNull("logprobs");
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteHead(Utf8JsonWriter json, string kind)
    {
        json.WriteString("id", _id);
        json.WriteString("object", kind);
        json.WriteNumber("created", _created);
        json.WriteString("model", _model);
        json.WriteNull("system_fingerprint");
    }
}
