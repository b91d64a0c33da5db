using System.Text.Json.Serialization;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// One model in Anthropic's <c>ModelInfo</c> shape. <c>created_at</c> is the Unix epoch, as Anthropic documents for an
/// unknown release date: the account probe gives no dates. <c>id</c> is the friendly alias when the gateway knows one,
/// else Gemini's model id; both work as <c>model</c>. Token limits are left out: the probe does not give them.
/// </summary>
internal sealed record AnthropicModel(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("lifecycle")] string Lifecycle);
