using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.ApiDocs.Compat;

/// <summary>The body of models/{model}:generateContent, as documented (Compat/GeminiApi/GeminiRequestReader.cs is the authority).</summary>
[AcceptsMoreFields]
[Description("The Gemini API's GenerateContentRequest. Sampling and safety settings are accepted and ignored; tools and structured output are refused.")]
internal sealed class GeminiGenerateRequestDocument
{
    [JsonPropertyName("contents")]
    public required IReadOnlyList<GeminiContentDocument> Contents { get; init; }

    [JsonPropertyName("systemInstruction")]
    public GeminiContentDocument? SystemInstruction { get; init; }

    [JsonPropertyName("generationConfig")]
    [Description("thinkingConfig.includeThoughts shows thoughts as parts with thought: true.")]
    public JsonElement? GenerationConfig { get; init; }
}

[AcceptsMoreFields]
internal sealed class GeminiContentDocument
{
    [JsonPropertyName("role")]
    [Description("user (default) or model.")]
    public string? Role { get; init; }

    [JsonPropertyName("parts")]
    public required IReadOnlyList<GeminiPartDocument> Parts { get; init; }
}

[AcceptsMoreFields]
[Description("A part: text, or inlineData {mimeType, data (base64)}.")]
internal sealed class GeminiPartDocument
{
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("inlineData")]
    public GeminiBlobDocument? InlineData { get; init; }
}

internal sealed class GeminiBlobDocument
{
    [JsonPropertyName("mimeType")]
    public required string MimeType { get; init; }

    [JsonPropertyName("data")]
    [Description("The bytes, base64.")]
    public required string Data { get; init; }
}

/// <summary>A GenerateContentResponse (Compat/GeminiApi/GeminiResponseWriter.cs writes it).</summary>
[Description("The Gemini API's GenerateContentResponse. No usageMetadata: the Gemini web app reports no token counts.")]
internal sealed record GeminiGenerateResponseDocument(
    [property: JsonPropertyName("candidates")] IReadOnlyList<GeminiCandidateDocument> Candidates,
    [property: JsonPropertyName("modelVersion")] string ModelVersion,
    [property: JsonPropertyName("responseId")] string ResponseId);

internal sealed record GeminiCandidateDocument(
    [property: JsonPropertyName("content")] GeminiAnswerContentDocument Content,
    [property: JsonPropertyName("index")] int Index)
{
    /// <summary>STOP on the answer and on the last chunk of a stream.</summary>
    [JsonPropertyName("finishReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FinishReason { get; init; }

    [JsonPropertyName("citationMetadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GeminiCitationMetadataDocument? CitationMetadata { get; init; }
}

internal sealed record GeminiAnswerContentDocument(
    [property: JsonPropertyName("parts")] IReadOnlyList<GeminiAnswerPartDocument> Parts,
    [property: JsonPropertyName("role")] string Role);

internal sealed record GeminiAnswerPartDocument([property: JsonPropertyName("text")] string Text)
{
    [JsonPropertyName("thought")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Thought { get; init; }
}

internal sealed record GeminiCitationMetadataDocument([property: JsonPropertyName("citationSources")] IReadOnlyList<GeminiCitationSourceDocument> CitationSources);

internal sealed record GeminiCitationSourceDocument([property: JsonPropertyName("uri")] string Uri)
{
    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }
}
