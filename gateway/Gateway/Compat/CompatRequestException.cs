using BridgeEngine.Errors;

namespace Gateway.Compat;

/// <summary>
/// A request the compatible surfaces refuse before anything goes upstream, naming the parameter at fault (OpenAI
/// <c>param</c>, Gemini API <c>BadRequest.fieldViolations[].field</c>). The message is safe to show: it names fields,
/// never echoes values.
/// </summary>
public sealed class CompatRequestException : Exception
{
    public CompatRequestException(string param, string message, BridgeErrorCode code = BridgeErrorCode.InvalidBody)
        : base(message)
    {
        Param = param;
        Code = code;
    }

    public CompatRequestException()
        : this(string.Empty, "Invalid request.")
    {
    }

    public CompatRequestException(string message)
        : this(string.Empty, message)
    {
    }

    public CompatRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Param = string.Empty;
        Code = BridgeErrorCode.InvalidBody;
    }

    /// <summary>The parameter path (e.g. <c>messages[2].content[0].image_url.url</c>); empty when none applies.</summary>
    public string Param { get; }

    public BridgeErrorCode Code { get; }
}
