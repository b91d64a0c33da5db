using System.Net;

namespace BridgeEngine.Errors;

/// <summary>
/// The one translation from Gemini web signals to public error codes (protocol document §15).
/// Callers catch <see cref="BridgeException"/> and read its code; nobody else switches on upstream numbers.
/// </summary>
internal static class UpstreamErrorMapper
{
    /// <summary>§2.6, §15 rows 4 and 16a: what helps with cookies Google does not honour.</summary>
    public const string FirefoxHint = "Sign in to gemini.google.com in Firefox (a private window is fine), copy __Secure-1PSID and __Secure-1PSIDTS from its storage inspector, and close the window without signing out: cookies copied from Chrome, Edge, Brave, Opera and other Chromium browsers are device-bound and stop working within hours.";

    /// <summary>§15 rows 8-17: the BardErrorInfo number at envelope[5][2][0][1][0].</summary>
    /// <param name="streamGenerate">Row 16a (109x) is about generates; in a batchexecute reply 109x stays an API_ERROR.</param>
    /// <param name="continuing">The generate continued a conversation: 109x is then also what a deleted or foreign one gets (§5.5).</param>
    public static BridgeException FromBardError(int errorNumber, bool streamGenerate = false, bool continuing = false) => errorNumber switch
    {
        // §15 row 15: transient ("randomly raised with certain models, disappears soon"); resent only under §5.4.2.
        1013 => new(BridgeErrorCode.ApiError, "Gemini reported a transient failure (Gemini error 1013); try again.") { UpstreamCode = errorNumber, Transient = true },

        // Unsure (§15 row 16a): 109x before any answer ("cannot use Gemini Pro") went away with Firefox cookies ([ISS] #327);
        // it could also be throttling, and no source decodes the numbers.
        >= 1090 and <= 1099 when streamGenerate && continuing => new(BridgeErrorCode.GeminiAuthError, $"Gemini refused to continue this conversation (Gemini error {errorNumber}): it was deleted or belongs to another account; start a new chat. If a new chat fails too, the cookies are no longer honoured. {FirefoxHint}") { UpstreamCode = errorNumber },
        >= 1090 and <= 1099 when streamGenerate => new(BridgeErrorCode.GeminiAuthError, $"Gemini refused this account's session (Gemini error {errorNumber}): the cookies are probably device-bound or no longer honoured, or the conversation is not this account's. {FirefoxHint}") { UpstreamCode = errorNumber },
        1037 => new(BridgeErrorCode.UsageLimitExceeded, "The Gemini account reached its usage limit for this model; try again later or use another model.") { UpstreamCode = errorNumber },
        1050 => new(BridgeErrorCode.ModelInvalid, "The model differs from the one this conversation was started with (Gemini error 1050).") { UpstreamCode = errorNumber },
        1052 => new(BridgeErrorCode.ModelInvalid, "Gemini rejected the model as invalid or unavailable for this account (Gemini error 1052).") { UpstreamCode = errorNumber },
        // §15.1: the stream's 1060 is named "IP temporarily blocked" by [GWA], by name only; this identity is paused first.
        1060 => new(BridgeErrorCode.TemporarilyBlocked, "Gemini temporarily refused requests for this account from the gateway's network (Gemini error 1060).") { UpstreamCode = errorNumber, BlockScope = BlockScope.Identity },
        _ => new(BridgeErrorCode.ApiError, $"Gemini answered with error {errorNumber}.") { UpstreamCode = errorNumber },
    };

    /// <summary>§7: account status codes from the otAQ7b probe. Null means the status does not stop a request.</summary>
    public static BridgeException? FromAccountStatus(int status) => status switch
    {
        1000 or 1033 => null,
        1016 => new(BridgeErrorCode.GeminiAuthError, "The Gemini cookies are expired or signed out (account status 1016). " + FirefoxHint) { UpstreamCode = status },
        1014 or 1060 => new(BridgeErrorCode.TemporarilyBlocked, $"Gemini refuses access from the gateway's region (account status {status}); waiting does not help, a gateway egress in a supported region does.") { UpstreamCode = status, BlockScope = BlockScope.Region },
        1040 or 1042 => new(BridgeErrorCode.ApiError, $"The Gemini account must accept the current Terms in the web app first (account status {status}).") { UpstreamCode = status },
        _ => new(BridgeErrorCode.ApiError, $"The Gemini account cannot be used (account status {status}).") { UpstreamCode = status },
    };

    /// <summary>§15 rows 5, 6, 13, 20: a non-success HTTP status from any endpoint.</summary>
    public static BridgeException FromHttpStatus(HttpStatusCode status, string endpoint) => (int)status switch
    {
        400 => new(BridgeErrorCode.GeminiAuthError, $"Gemini rejected the session token on {endpoint} (HTTP 400); the cookies are probably expired."),
        401 or 403 => new(BridgeErrorCode.GeminiAuthError, $"Gemini rejected the cookies on {endpoint} (HTTP {(int)status})."),
        429 => Blocked($"Gemini answered HTTP 429 on {endpoint}."),
        _ => new(BridgeErrorCode.ApiError, $"Gemini answered HTTP {(int)status} on {endpoint}."),
    };

    /// <summary>§15 row 13, §15.1: the block page, "unusual traffic" HTML and HTTP 429 are about the egress.</summary>
    public static BridgeException Blocked(string message) =>
        new(BridgeErrorCode.TemporarilyBlocked, message + " Google flagged the gateway's network address for unusual traffic.") { BlockScope = BlockScope.Egress };

    public static BridgeException Malformed(string what) =>
        new(BridgeErrorCode.ApiError, $"Gemini sent a response the bridge could not read ({what}).");
}
