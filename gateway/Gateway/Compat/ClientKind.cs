namespace Gateway.Compat;

/// <summary>
/// Which SDK family sent a request on a path both families use (<c>GET /v1/models</c>): the Google Gen AI SDKs always
/// send <c>x-goog-api-client</c> and their key in <c>x-goog-api-key</c>; OpenAI clients send neither.
/// </summary>
internal static class ClientKind
{
    public const string GoogleClientHeader = "x-goog-api-client";
    public const string GoogleKeyHeader = "x-goog-api-key";

    public static bool IsGoogleClient(HttpRequest request) =>
        request.Headers.ContainsKey(GoogleClientHeader) || request.Headers.ContainsKey(GoogleKeyHeader);
}
