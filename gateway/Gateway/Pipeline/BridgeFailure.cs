using BridgeEngine.Errors;

namespace Gateway.Pipeline;

/// <summary>
/// Why a request failed, in the terms every surface can write in its own shape: the public code, a message safe to
/// show, the request field at fault (OpenAI <c>param</c>, Gemini API <c>fieldViolations[].field</c>) and how long to wait.
/// </summary>
internal sealed record BridgeFailure(BridgeErrorCode Code, string? Message, string? Param = null, TimeSpan? RetryAfter = null, int? UpstreamCode = null)
{
    /// <summary>True when the code came from Gemini (the block cool-down and the brute-force guard act on it).</summary>
    public bool FromUpstream => Code is BridgeErrorCode.TemporarilyBlocked or BridgeErrorCode.GeminiAuthError or BridgeErrorCode.UsageLimitExceeded
        or BridgeErrorCode.ApiError or BridgeErrorCode.Timeout;

    /// <summary>The failures a request can end with that are not bugs; anything else is INTERNAL_ERROR.</summary>
    public static BridgeFailure? From(Exception exception) => exception switch
    {
        RequestRejectedException rejected => new(rejected.Code, rejected.Message, rejected.Param),
        BridgeException bridge => new(bridge.Code, bridge.Message, ParamFor(bridge.Code), bridge.RetryAfter, bridge.UpstreamCode),

        // Kestrel's own body limits and malformed framing, raised while an operation reads the body.
        BadHttpRequestException bad => new(BridgeErrorCode.InvalidBody, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is too large."
            : "The request body could not be read."),
        _ => null,
    };

    private static string? ParamFor(BridgeErrorCode code) => code == BridgeErrorCode.ModelInvalid ? "model" : null;
}
