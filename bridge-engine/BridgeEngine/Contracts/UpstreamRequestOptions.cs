using BridgeEngine.Protocol;

namespace BridgeEngine.Contracts;

/// <summary>
/// What the transport tells the HTTP pipeline (resilience, telemetry) about a request, through
/// <see cref="HttpRequestMessage.Options"/>: which Gemini operation it is and whether sending it twice is
/// harmless. Only the page load and read-only batchexecute RPCs are idempotent; StreamGenerate never is (a
/// generate that reached Google twice answers twice and counts twice against the account's quota).
/// </summary>
public static class UpstreamRequestOptions
{
    public const string AppPage = "app_page";
    public const string BatchExecute = "batchexecute";
    public const string StreamGenerate = "stream_generate";
    public const string RotateCookies = "rotate_cookies";
    public const string Upload = "upload";
    public const string Other = "other";

    public static readonly HttpRequestOptionsKey<string> Operation = new("GeminiWeb.Operation");
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("GeminiWeb.Idempotent");

    /// <summary>The keyed hash of the caller's cookie (never the cookie): lets resilience tell one account's failures from the egress's.</summary>
    public static readonly HttpRequestOptionsKey<string> Account = new("GeminiWeb.Account");

    /// <summary>Classifies the request by its path (the one list of paths is <see cref="GeminiPaths"/>) and marks it.</summary>
    public static string Mark(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        string operation;
        bool idempotent;
        if (path.EndsWith("/" + GeminiPaths.StreamGenerate, StringComparison.Ordinal))
        {
            (operation, idempotent) = (StreamGenerate, false);
        }
        else if (path.EndsWith("/" + GeminiPaths.BatchExecute, StringComparison.Ordinal))
        {
            (operation, idempotent) = (BatchExecute, RpcIds.AreAllReads(RpcIdsOf(request.RequestUri!)));
        }
        else if (path.EndsWith("/" + GeminiPaths.RotateCookies, StringComparison.Ordinal))
        {
            (operation, idempotent) = (RotateCookies, false);
        }
        else if (path.Contains("/" + GeminiPaths.Upload, StringComparison.Ordinal))
        {
            (operation, idempotent) = (Upload, false);
        }
        else if (request.Method == HttpMethod.Get)
        {
            // The app page (and the redirects it follows): a GET that changes nothing.
            (operation, idempotent) = (AppPage, true);
        }
        else
        {
            (operation, idempotent) = (Other, false);
        }

        request.Options.Set(Operation, operation);
        request.Options.Set(Idempotent, idempotent);
        return operation;
    }

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Idempotent, out var value) && value;

    public static string? AccountOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Account, out var value) ? value : null;

    public static string OperationOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Operation, out var value) ? value : Other;

    private static string RpcIdsOf(Uri uri)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("rpcids=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["rpcids=".Length..]);
            }
        }

        return string.Empty;
    }
}
