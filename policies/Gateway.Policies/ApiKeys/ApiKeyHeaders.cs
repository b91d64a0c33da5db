namespace Gateway.Policies.ApiKeys;

/// <summary>
/// Where a caller's bridge API key may be: <c>x-bridge-api-key</c>, or the header its SDK uses
/// (<c>Authorization: Bearer</c> for OpenAI clients, <c>x-goog-api-key</c> for Gemini API clients, <c>x-api-key</c> for
/// Anthropic clients), in that order.
/// </summary>
public static class ApiKeyHeaders
{
    public const string BridgeKey = "x-bridge-api-key";
    public const string GoogleKey = "x-goog-api-key";
    public const string AnthropicKey = "x-api-key";

    public static string? Read(HttpRequest request)
    {
        if (request.Headers[BridgeKey] is { Count: 1 } bridge && !string.IsNullOrEmpty(bridge[0]))
        {
            return bridge[0];
        }

        if (request.Headers.Authorization is { Count: 1 } auth && auth[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7)
        {
            return value[7..].Trim();
        }

        if (request.Headers[GoogleKey] is { Count: 1 } google && !string.IsNullOrEmpty(google[0]))
        {
            return google[0];
        }

        return request.Headers[AnthropicKey] is { Count: 1 } anthropic && !string.IsNullOrEmpty(anthropic[0]) ? anthropic[0] : null;
    }
}
