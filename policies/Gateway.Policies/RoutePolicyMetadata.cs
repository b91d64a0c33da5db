using Yarp.ReverseProxy.Model;

namespace Gateway.Policies;

/// <summary>
/// Per-route policy choices, from the route's <c>Metadata</c> in config/reverse-proxy.json (keys in
/// <see cref="RouteMetadataKeys"/>), so an operator tunes a route without a code change.
/// </summary>
public static class RoutePolicyMetadata
{
    public const string DefaultPolicy = "default";

    public static string RateLimitPolicy(HttpContext context) => Get(context, RouteMetadataKeys.RateLimitPolicy) ?? DefaultPolicy;

    public static bool AllowsAnonymous(HttpContext context) => string.Equals(Get(context, RouteMetadataKeys.Auth), RouteMetadataKeys.AuthAnonymous, StringComparison.OrdinalIgnoreCase);

    public static string? Operation(HttpContext context) => Get(context, RouteMetadataKeys.Bridge);

    public static string RouteId(HttpContext context) => context.GetReverseProxyFeature().Route.Config.RouteId;

    /// <summary>A metadata value of the route, or null when the route has none (or the request matched no route).</summary>
    public static string? Get(HttpContext context, string key)
    {
        var metadata = context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
