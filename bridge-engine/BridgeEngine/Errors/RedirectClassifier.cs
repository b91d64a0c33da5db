using System.Net;

namespace BridgeEngine.Errors;

/// <summary>
/// Protocol §3, §15 rows 3 and 13: what a redirect from Google means. Redirects are not followed for POSTs, so a
/// redirect to the block page or to a sign-in page is itself the answer; the engine and the resilience policies
/// read it through this one class.
/// </summary>
public static class RedirectClassifier
{
    public static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    /// <summary>§3: a redirect to /sorry/ is a block; to accounts.google.com or a sign-in page, expired cookies.</summary>
    public static BridgeException? Classify(Uri? location, string endpoint)
    {
        if (location is null)
        {
            return null;
        }

        var text = location.OriginalString;
        if (text.Contains("/sorry/", StringComparison.OrdinalIgnoreCase))
        {
            return UpstreamErrorMapper.Blocked($"Gemini redirected {endpoint} to its block page.");
        }

        var toAccounts = location.IsAbsoluteUri && location.Host.Equals("accounts.google.com", StringComparison.OrdinalIgnoreCase);
        if (toAccounts || IsSignInPath(text))
        {
            return new BridgeException(BridgeErrorCode.GeminiAuthError, "Google redirected to its sign-in page: the Gemini cookies are expired or revoked.");
        }

        return null;
    }

    public static bool IsSignInPath(string text) =>
        text.Contains("ServiceLogin", StringComparison.OrdinalIgnoreCase)
        || text.Contains("/v3/signin", StringComparison.OrdinalIgnoreCase);
}
