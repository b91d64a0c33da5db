using Gateway.Policies.ApiKeys;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Pipeline step after the API key: the per-key and per-tenant windows (tenant overrides first), then the
/// per-key limit on requests open at once (streams included), held until the request ends.
/// </summary>
public sealed class KeyRateLimitPolicy
{
    private readonly RequestDelegate _next;
    private readonly LimiterRegistry _limiters;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;

    public KeyRateLimitPolicy(RequestDelegate next, LimiterRegistry limiters, IOptionsMonitor<RateLimitingOptions> options)
    {
        _next = next;
        _limiters = limiters;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var tenant = context.Features.Get<TenantFeature>();
        if (tenant is null || tenant.TenantId == TenantFeature.AnonymousTenant)
        {
            await _next(context);
            return;
        }

        var policyName = RoutePolicyMetadata.RateLimitPolicy(context);
        var policy = _options.CurrentValue.Policy(policyName);

        var perKey = tenant.Tenant?.PerKey ?? policy.PerKey;
        if (perKey is not null)
        {
            using var keyLease = await _limiters.AcquireWindowAsync(new LimitRequest("key", policyName, tenant.KeyId, perKey), context.RequestAborted);
            if (!keyLease.IsAcquired)
            {
                await RateLimitRejection.RejectAsync(context, keyLease, "too many requests for this API key", perKey);
                return;
            }
        }

        var perTenant = tenant.Tenant?.PerTenant ?? policy.PerTenant;
        if (perTenant is not null)
        {
            using var tenantLease = await _limiters.AcquireWindowAsync(new LimitRequest("tenant", policyName, tenant.TenantId, perTenant), context.RequestAborted);
            if (!tenantLease.IsAcquired)
            {
                await RateLimitRejection.RejectAsync(context, tenantLease, "too many requests for this tenant", perTenant);
                return;
            }
        }

        if (policy.ConcurrentRequestsPerKey is not int open)
        {
            await _next(context);
            return;
        }

        using var openLease = _limiters.AcquireConcurrency("open:" + tenant.KeyId, open);
        if (!openLease.IsAcquired)
        {
            await RateLimitRejection.RejectAsync(context, openLease, $"this API key already has {open} requests open", null);
            return;
        }

        await _next(context);
    }
}
