using Gateway.Pipeline;
using Gateway.Policies;
using Gateway.Policies.RateLimiting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Route metadata is a contract: every value of <see cref="RouteMetadataKeys"/> is checked when the routes load and
/// on every reload. YARP runs config filters before it applies a configuration, so a bad route stops the start with a
/// message naming the route and the key, and a bad reload keeps the previous routes (YARP logs why).
/// </summary>
internal sealed class RouteMetadataValidator : IProxyConfigFilter
{
    private static readonly string[] AuthValues = [RouteMetadataKeys.AuthApiKey, RouteMetadataKeys.AuthAnonymous];

    private readonly BridgeOperations _operations;
    private readonly ErrorShapes _shapes;
    private readonly IOptionsMonitor<RateLimitingOptions> _limits;

    public RouteMetadataValidator(BridgeOperations operations, ErrorShapes shapes, IOptionsMonitor<RateLimitingOptions> limits)
    {
        _operations = operations;
        _shapes = shapes;
        _limits = limits;
    }

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(route);
        var metadata = route.Metadata ?? new Dictionary<string, string>();
        foreach (var key in metadata.Keys)
        {
            if (key is not (RouteMetadataKeys.Bridge or RouteMetadataKeys.BridgeAction or RouteMetadataKeys.RateLimitPolicy or RouteMetadataKeys.ErrorShape or RouteMetadataKeys.Auth or RouteMetadataKeys.ImageDownload))
            {
                throw Invalid(route, key, $"is not a known metadata key (known: {RouteMetadataKeys.Bridge}, {RouteMetadataKeys.BridgeAction}, {RouteMetadataKeys.RateLimitPolicy}, {RouteMetadataKeys.ErrorShape}, {RouteMetadataKeys.Auth}, {RouteMetadataKeys.ImageDownload})");
            }
        }

        var action = metadata.GetValueOrDefault(RouteMetadataKeys.BridgeAction);
        if (metadata.TryGetValue(RouteMetadataKeys.Bridge, out var name))
        {
            if (!_operations.TryGet(name, out var operation))
            {
                throw Invalid(route, RouteMetadataKeys.Bridge, $"names unknown operation '{name}' (known: {string.Join(", ", _operations.Names.Order(StringComparer.Ordinal))})");
            }

            if (action is not null && !operation.Actions.Contains(action, StringComparer.Ordinal))
            {
                throw Invalid(route, RouteMetadataKeys.BridgeAction, operation.Actions.Count == 0
                    ? $"is set, but operation '{name}' has no actions"
                    : $"names unknown action '{action}' of operation '{name}' (known: {string.Join(", ", operation.Actions)})");
            }

            if (action is null && operation.Actions.Count > 0)
            {
                throw Invalid(route, RouteMetadataKeys.BridgeAction, $"is required for operation '{name}' (one of: {string.Join(", ", operation.Actions)})");
            }
        }
        else if (action is not null)
        {
            throw Invalid(route, RouteMetadataKeys.BridgeAction, $"needs a {RouteMetadataKeys.Bridge} operation");
        }

        if (metadata.TryGetValue(RouteMetadataKeys.RateLimitPolicy, out var policy) && Policies() is { } policies && !policies.ContainsKey(policy))
        {
            throw Invalid(route, RouteMetadataKeys.RateLimitPolicy, $"names unknown policy '{policy}' (known: {string.Join(", ", policies.Keys.Order(StringComparer.Ordinal))}; see RateLimiting:Policies)");
        }

        if (metadata.TryGetValue(RouteMetadataKeys.ErrorShape, out var shape) && !_shapes.Exists(shape))
        {
            throw Invalid(route, RouteMetadataKeys.ErrorShape, $"names unknown error shape '{shape}' (known: {string.Join(", ", _shapes.Names.Order(StringComparer.Ordinal))})");
        }

        if (metadata.TryGetValue(RouteMetadataKeys.ImageDownload, out var image) && (!bool.TryParse(image, out var forwards) || (forwards && metadata.ContainsKey(RouteMetadataKeys.Bridge))))
        {
            throw Invalid(route, RouteMetadataKeys.ImageDownload, "must be true or false, on a forwarded route (no Bridge operation)");
        }

        if (metadata.TryGetValue(RouteMetadataKeys.Auth, out var auth) && !AuthValues.Contains(auth, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(route, RouteMetadataKeys.Auth, $"must be {string.Join(" or ", AuthValues)}, not '{auth}'");
        }

        return ValueTask.FromResult(route);
    }

    /// <summary>The configured policies; null while the section itself is invalid (its own validation stops the start, naming the key).</summary>
    private IDictionary<string, RateLimitPolicyOptions>? Policies()
    {
        try
        {
            return _limits.CurrentValue.Policies;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static InvalidOperationException Invalid(RouteConfig route, string key, string problem) =>
        new($"ReverseProxy:Routes:{route.RouteId}:Metadata:{key} {problem}.");
}
