namespace Gateway.Policies;

/// <summary>
/// The route metadata keys of config/reverse-proxy.json, defined once. Every value is checked when the routes load
/// and on every reload (the gateway's route validation), so a typo stops the start instead of failing requests.
/// </summary>
public static class RouteMetadataKeys
{
    /// <summary>The in-process operation that answers the route (a route without it is forwarded by YARP).</summary>
    public const string Bridge = "Bridge";

    /// <summary>Which of the operation's actions the route runs (e.g. research <c>start</c>, <c>events</c>).</summary>
    public const string BridgeAction = "BridgeAction";

    /// <summary>A policy name under <c>RateLimiting:Policies</c>; default <c>default</c>.</summary>
    public const string RateLimitPolicy = "RateLimitPolicy";

    /// <summary>The error body callers of the route expect (<c>envelope</c>, <c>openai</c>, <c>gemini</c>, ...); default envelope.</summary>
    public const string ErrorShape = "ErrorShape";

    /// <summary><c>ApiKey</c> (the default) or <c>Anonymous</c>.</summary>
    public const string Auth = "Auth";

    /// <summary><c>true</c> on the forwarded route that fetches a generated image from Google's image hosts with the caller's cookies.</summary>
    public const string ImageDownload = "ImageDownload";

    public const string AuthApiKey = "ApiKey";
    public const string AuthAnonymous = "Anonymous";
}
