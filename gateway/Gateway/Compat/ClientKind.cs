namespace Gateway.Compat;

/// <summary>
/// Which SDK family sent a request on a path several families use (<c>GET /v1/models</c>), from what the SDKs always
/// send: the Google Gen AI SDKs send <c>x-goog-api-client</c> and their key in <c>x-goog-api-key</c>; the Anthropic
/// SDKs (and Anthropic-style clients such as the AI SDK's provider) send <c>anthropic-version</c>; OpenAI clients send
/// none of these. Google's headers are checked first, then Anthropic's; everything else is OpenAI.
/// </summary>
internal static class ClientKind
{
    public const string GoogleClientHeader = "x-goog-api-client";
    public const string GoogleKeyHeader = "x-goog-api-key";
    public const string AnthropicVersionHeader = "anthropic-version";

    public static ClientFamily Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.ContainsKey(GoogleClientHeader) || request.Headers.ContainsKey(GoogleKeyHeader))
        {
            return ClientFamily.Google;
        }

        return request.Headers.ContainsKey(AnthropicVersionHeader) ? ClientFamily.Anthropic : ClientFamily.OpenAi;
    }
}
