namespace Gateway.Endpoints;

/// <summary>
/// One operation of the gateway's API, bound to YARP routes by their <c>Bridge</c> metadata value
/// (config/reverse-proxy.json). It runs in-process inside the YARP pipeline instead of forwarding.
/// </summary>
public interface IBridgeOperation
{
    /// <summary>The <c>Bridge</c> metadata value that selects this operation.</summary>
    string Name { get; }

    /// <param name="context">The request.</param>
    /// <param name="upstream">The Gemini app origin picked from the route's cluster, if any.</param>
    Task HandleAsync(HttpContext context, Uri? upstream);
}
