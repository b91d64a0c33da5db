using System.Text.Json.Serialization;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// One entry of <c>GET /v1/models</c> in OpenAI's shape. <c>created</c> is 0: the account probe gives no dates.
/// <c>id</c> is the friendly alias when the gateway knows one, else Gemini's model id; both work as <c>model</c>.
/// </summary>
internal sealed record OpenAiModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Kind,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);
