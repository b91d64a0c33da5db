using System.Text.Json.Serialization;

namespace Gateway.Compat.Anthropic;

/// <summary>The <c>GET /v1/models</c> answer to Anthropic clients: one page holding every model (<c>has_more</c> false).</summary>
internal sealed record AnthropicModelList(
    [property: JsonPropertyName("data")] IReadOnlyList<AnthropicModel> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId);
