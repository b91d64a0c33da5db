using System.Text.Json.Serialization;

namespace Gateway.Compat.OpenAi;

/// <summary>The <c>GET /v1/models</c> answer: <c>{"object":"list","data":[...]}</c>.</summary>
internal sealed record OpenAiModelList(
    [property: JsonPropertyName("object")] string Kind,
    [property: JsonPropertyName("data")] IReadOnlyList<OpenAiModel> Data);
