namespace BridgeEngine.Errors;

/// <summary>
/// The gateway's public error vocabulary. Every failure a caller sees carries exactly one of these.
/// The HTTP status and the safe message for each live in the gateway's ErrorCatalog.
/// </summary>
public enum BridgeErrorCode
{
    MissingGeminiCredentials,
    InvalidGeminiCredentials,
    BridgeAuthError,
    InvalidBody,
    GeminiAuthError,
    UsageLimitExceeded,
    ModelInvalid,
    Timeout,
    TemporarilyBlocked,
    ApiError,
    InternalError,

    /// <summary>Routing: no route matches the path.</summary>
    NotFound,

    /// <summary>Routing: the path exists but not for this HTTP method.</summary>
    MethodNotAllowed,
}
