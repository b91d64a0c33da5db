using System.Net;

namespace BridgeEngine.Errors;

/// <summary>
/// The one translation from Gemini web signals to public error codes (protocol document §15).
/// Callers catch <see cref="BridgeException"/> and read its code; nobody else switches on upstream numbers.
/// </summary>
public static class UpstreamErrorMapper
{
    /// <summary>§15 rows 8-17: the BardErrorInfo number at envelope[5][2][0][1][0].</summary>
    public static BridgeException FromBardError(int errorNumber) => errorNumber switch
    {
        1037 => new(BridgeErrorCode.UsageLimitExceeded, "The Gemini account reached its usage limit for this model; try again later or use another model.") { UpstreamCode = errorNumber },
        1050 => new(BridgeErrorCode.ModelInvalid, "The model differs from the one this conversation was started with (Gemini error 1050).") { UpstreamCode = errorNumber },
        1052 => new(BridgeErrorCode.ModelInvalid, "Gemini rejected the model as invalid or unavailable for this account (Gemini error 1052).") { UpstreamCode = errorNumber },
        1060 => new(BridgeErrorCode.TemporarilyBlocked, "Gemini temporarily flagged the gateway's network address (Gemini error 1060).") { UpstreamCode = errorNumber },
        _ => new(BridgeErrorCode.ApiError, $"Gemini answered with error {errorNumber}.") { UpstreamCode = errorNumber },
    };

    /// <summary>§7: account status codes from the otAQ7b probe. Null means the status does not stop a request.</summary>
    public static BridgeException? FromAccountStatus(int status) => status switch
    {
        1000 or 1033 => null,
        1016 => new(BridgeErrorCode.GeminiAuthError, "The Gemini cookies are expired or signed out (account status 1016); export fresh cookies.") { UpstreamCode = status },
        1014 or 1060 => new(BridgeErrorCode.TemporarilyBlocked, $"Gemini refuses access from this network or region (account status {status}).") { UpstreamCode = status },
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

    public static BridgeException Blocked(string message) =>
        new(BridgeErrorCode.TemporarilyBlocked, message + " Google flagged the gateway's network address for unusual traffic.");

    public static BridgeException Malformed(string what) =>
        new(BridgeErrorCode.ApiError, $"Gemini sent a response the bridge could not read ({what}).");
}
