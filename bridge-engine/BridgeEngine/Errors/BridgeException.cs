namespace BridgeEngine.Errors;

/// <summary>
/// A failure with a public error code. The message is safe to show a caller: it never carries an
/// upstream body, a header or a credential.
/// </summary>
public sealed class BridgeException : Exception
{
    public BridgeException(BridgeErrorCode code, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        RetryAfter = retryAfter;
    }

    public BridgeException()
        : this(BridgeErrorCode.InternalError, "Internal error.")
    {
    }

    public BridgeException(string message)
        : this(BridgeErrorCode.InternalError, message)
    {
    }

    public BridgeException(string message, Exception innerException)
        : this(BridgeErrorCode.InternalError, message, null, innerException)
    {
    }

    public BridgeErrorCode Code { get; }

    /// <summary>When the caller may try again, if known (blocks, usage limits).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The Gemini web error number (BardErrorInfo or account status) behind this failure, if any.</summary>
    public int? UpstreamCode { get; init; }

    /// <summary>For TEMPORARILY_BLOCKED: what Google refused (§15.1), which decides what the gateway pauses.</summary>
    public BlockScope BlockScope { get; init; }

    /// <summary>True when Google reported a transient failure (error 1013, §15 row 15) that a safe resend may cure.</summary>
    public bool Transient { get; init; }
}
