namespace Gateway.Pipeline;

/// <summary>
/// One surface's error body (the gateway envelope, OpenAI's error object, the Gemini API's google.rpc.Status, ...),
/// chosen per route by the <c>ErrorShape</c> metadata. Status, request id and Retry-After are set by
/// <see cref="Output.ErrorResponse"/> for every shape alike.
/// </summary>
internal interface IErrorShape
{
    /// <summary>The <c>ErrorShape</c> metadata value that selects this shape.</summary>
    string Name { get; }

    Task WriteAsync(HttpContext context, BridgeFailure failure);
}
