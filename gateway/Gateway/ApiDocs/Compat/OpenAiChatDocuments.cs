using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.ApiDocs.Compat;

/// <summary>The body of POST /v1/chat/completions, as documented (Compat/OpenAi/OpenAiRequestReader.cs is the authority).</summary>
[AcceptsMoreFields]
[Description("OpenAI's Chat Completions request. Sampling fields (temperature, top_p, ...) are accepted and ignored; tools, n > 1, logprobs and JSON modes are refused.")]
internal sealed class OpenAiChatRequestDocument
{
    [JsonPropertyName("model")]
    [Description("A model id from GET /v1/models.")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required IReadOnlyList<OpenAiMessageDocument> Messages { get; init; }

    [JsonPropertyName("stream")]
    [Description("Answer as Server-Sent Events of chat.completion.chunk objects, ending with data: [DONE].")]
    public bool? Stream { get; init; }

    [JsonPropertyName("reasoning_effort")]
    [Description("high or xhigh asks a thinking model for extended thinking.")]
    public string? ReasoningEffort { get; init; }
}

[AcceptsMoreFields]
[Description("One message: system, developer, user or assistant.")]
internal sealed class OpenAiMessageDocument
{
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("content")]
    [Description("A string, or an array of content parts ({type: text, text}, {type: image_url, image_url: {url}} with a data: URL).")]
    public required JsonElement Content { get; init; }
}

/// <summary>The chat.completion object (Compat/OpenAi/OpenAiCompletionWriter.cs writes it).</summary>
[Description("OpenAI's chat.completion object. No usage: the Gemini web app reports no token counts.")]
internal sealed record OpenAiChatCompletionDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_fingerprint")] string? SystemFingerprint,
    [property: JsonPropertyName("choices")] IReadOnlyList<OpenAiChoiceDocument> Choices);

internal sealed record OpenAiChoiceDocument(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] OpenAiAnswerMessageDocument Message,
    [property: JsonPropertyName("logprobs")] string? Logprobs,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

internal sealed record OpenAiAnswerMessageDocument(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("refusal")] string? Refusal,
    [property: JsonPropertyName("annotations")] IReadOnlyList<OpenAiAnnotationDocument> Annotations)
{
    /// <summary>Thinking text, when the model thought and the request asked for it.</summary>
    [JsonPropertyName("reasoning_content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }
}

internal sealed record OpenAiAnnotationDocument(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url_citation")] OpenAiUrlCitationDocument UrlCitation);

internal sealed record OpenAiUrlCitationDocument(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title);
