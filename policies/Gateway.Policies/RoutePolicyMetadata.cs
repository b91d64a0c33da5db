using Yarp.ReverseProxy.Model;

namespace Gateway.Policies;

/// <summary>
/// Per-route policy choices, from the route's <c>Metadata</c> in config/reverse-proxy.json, so an operator
/// tunes a route without a code change: <c>RateLimitPolicy</c> (a name under RateLimiting:Policies, default
/// "default") and <c>Auth</c> ("ApiKey", the default, or "Anonymous").
/// </summary>
public static class RoutePolicyMetadata
{
    public const string RateLimitPolicyKey = "RateLimitPolicy";
    public const string AuthKey = "Auth";
    public const string BridgeKey = "Bridge";
    public const string DefaultPolicy = "default";

    public static string RateLimitPolicy(HttpContext context) => Get(context, RateLimitPolicyKey) ?? DefaultPolicy;

    public static bool AllowsAnonymous(HttpContext context) => string.Equals(Get(context, AuthKey), "Anonymous", StringComparison.OrdinalIgnoreCase);

    public static string? Operation(HttpContext context) => Get(context, BridgeKey);

    public static string RouteId(HttpContext context) => context.GetReverseProxyFeature().Route.Config.RouteId;

    private static string? Get(HttpContext context, string key)
    {
        var metadata = context.GetReverseProxyFeature().Route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
