using BridgeEngine.Errors;

namespace Gateway.Pipeline;

/// <summary>
/// A request refused before anything goes upstream, naming the field at fault. Every surface raises it while reading
/// its request; the dispatch writes it in the route's error shape. The message names fields, never echoes values.
/// </summary>
internal sealed class RequestRejectedException : Exception
{
    public RequestRejectedException(string param, string message, BridgeErrorCode code = BridgeErrorCode.InvalidBody)
        : base(message)
    {
        Param = param;
        Code = code;
    }

    public RequestRejectedException()
        : this(string.Empty, "Invalid request.")
    {
    }

    public RequestRejectedException(string message)
        : this(string.Empty, message)
    {
    }

    public RequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Param = string.Empty;
        Code = BridgeErrorCode.InvalidBody;
    }

    /// <summary>The parameter path (e.g. <c>messages[2].content[0].image_url.url</c>); empty when none applies.</summary>
    public string Param { get; }

    public BridgeErrorCode Code { get; }
}
