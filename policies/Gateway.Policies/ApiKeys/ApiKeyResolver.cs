using Microsoft.Extensions.Options;

namespace Gateway.Policies.ApiKeys;

/// <summary>
/// Reads and checks the presented API key once per request. The API key step acts on the answer; the Redis
/// window step may ask earlier (to charge every window in one round trip) and remembers it for the key step.
/// </summary>
public sealed class ApiKeyResolver
{
    private readonly ApiKeyStore _store;
    private readonly IOptionsMonitor<AuthOptions> _options;

    public ApiKeyResolver(ApiKeyStore store, IOptionsMonitor<AuthOptions> options)
    {
        _store = store;
        _options = options;
    }

    public ApiKeyResolution Resolve(HttpContext context) =>
        context.Features.Get<Remembered>() is { } remembered ? remembered.Resolution : Compute(context);

    /// <summary>As <see cref="Resolve"/>, and keeps the answer on the request so the key is not checked twice.</summary>
    public ApiKeyResolution ResolveAndRemember(HttpContext context)
    {
        if (context.Features.Get<Remembered>() is { } remembered)
        {
            return remembered.Resolution;
        }

        var resolution = Compute(context);
        context.Features.Set(new Remembered(resolution));
        return resolution;
    }

    private ApiKeyResolution Compute(HttpContext context)
    {
        if (!_options.CurrentValue.Enabled || RoutePolicyMetadata.AllowsAnonymous(context))
        {
            return new ApiKeyResolution(ApiKeyStatus.NotRequired, TenantFeature.Anonymous, null);
        }

        var key = ApiKeyHeaders.Read(context.Request);
        if (key is null)
        {
            return new ApiKeyResolution(ApiKeyStatus.Missing, null, null);
        }

        var tenant = _store.Find(key);
        if (tenant is null)
        {
            return new ApiKeyResolution(ApiKeyStatus.Unknown, null, null);
        }

        var operation = RoutePolicyMetadata.Operation(context);
        if (operation is not null && tenant.Tenant is { Operations.Count: > 0 } allowed
            && !allowed.Operations.Any(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase)))
        {
            return new ApiKeyResolution(ApiKeyStatus.OperationDenied, tenant, operation);
        }

        return new ApiKeyResolution(ApiKeyStatus.Accepted, tenant, operation);
    }

    private sealed class Remembered(ApiKeyResolution resolution)
    {
        public ApiKeyResolution Resolution { get; } = resolution;
    }
}
