using BridgeEngine.Errors;

namespace Gateway.Output;

/// <summary>The one table: public error code -> wire name, HTTP status and the default safe message.</summary>
internal static class ErrorCatalog
{
    public static ErrorDescriptor Describe(BridgeErrorCode code) => code switch
    {
        BridgeErrorCode.MissingGeminiCredentials => new("MISSING_GEMINI_CREDENTIALS", 401, "Missing x-gemini-psid header."),
        BridgeErrorCode.InvalidGeminiCredentials => new("INVALID_GEMINI_CREDENTIALS", 401, "Malformed session cookies."),
        BridgeErrorCode.BridgeAuthError => new("BRIDGE_AUTH_ERROR", 401, "Invalid or missing x-bridge-api-key."),
        BridgeErrorCode.InvalidBody => new("INVALID_BODY", 400, "The request body is invalid or missing fields."),
        BridgeErrorCode.GeminiAuthError => new("GEMINI_AUTH_ERROR", 401, "The Gemini cookies are expired or revoked by Google."),
        BridgeErrorCode.UsageLimitExceeded => new("USAGE_LIMIT_EXCEEDED", 429, "Account quota or rate limit reached."),
        BridgeErrorCode.ModelInvalid => new("MODEL_INVALID", 400, "The requested model is not available."),
        BridgeErrorCode.Timeout => new("TIMEOUT", 504, "Gemini took too long to respond."),
        BridgeErrorCode.TemporarilyBlocked => new("TEMPORARILY_BLOCKED", 429, "The address is temporarily flagged for unusual activity."),
        BridgeErrorCode.ApiError => new("API_ERROR", 502, "Unexpected response from the Gemini web API."),
        BridgeErrorCode.NotFound => new("NOT_FOUND", 404, "No endpoint matches this path."),
        BridgeErrorCode.MethodNotAllowed => new("METHOD_NOT_ALLOWED", 405, "This endpoint does not accept this HTTP method."),
        _ => new("INTERNAL_ERROR", 500, "The bridge failed unexpectedly."),
    };

    /// <summary>The status to answer for a bare status code that reached the status-code page with no body.</summary>
    public static BridgeErrorCode ForStatus(int status) => status switch
    {
        400 or 411 or 413 or 415 or 431 => BridgeErrorCode.InvalidBody,
        401 => BridgeErrorCode.BridgeAuthError,
        404 => BridgeErrorCode.NotFound,
        405 => BridgeErrorCode.MethodNotAllowed,
        429 => BridgeErrorCode.UsageLimitExceeded,
        502 or 503 => BridgeErrorCode.ApiError,
        504 => BridgeErrorCode.Timeout,
        _ => BridgeErrorCode.InternalError,
    };
}
