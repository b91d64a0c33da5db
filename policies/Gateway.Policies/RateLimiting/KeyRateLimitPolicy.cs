using Gateway.Policies.ApiKeys;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Pipeline step after the API key: the per-key and per-tenant windows (tenant overrides first; charged already
/// when the IP step did it in the same Redis round trip), then the per-key limit on requests open at once
/// (streams included), held until the request ends.
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

        WindowVerdict verdict;
        int keyAt, tenantAt;
        if (context.Features.Get<ChargedWindows>() is { } charged)
        {
            (verdict, keyAt, tenantAt) = (charged.Verdict, charged.KeyAt, charged.TenantAt);
        }
        else
        {
            var batch = default(WindowBatch);
            (keyAt, tenantAt) = TenantWindows.AddTo(ref batch, tenant, policy, policyName);
            verdict = await _limiters.ChargeAsync(batch, context.RequestAborted);
        }

        if (!verdict.IsAdmitted && verdict.RejectedAt == keyAt)
        {
            await RateLimitRejection.RejectAsync(context, verdict.RetryAfter, "too many requests for this API key", tenant.Tenant?.PerKey ?? policy.PerKey);
            return;
        }

        if (!verdict.IsAdmitted && verdict.RejectedAt == tenantAt)
        {
            await RateLimitRejection.RejectAsync(context, verdict.RetryAfter, "too many requests for this tenant", tenant.Tenant?.PerTenant ?? policy.PerTenant);
            return;
        }

        if (policy.ConcurrentRequestsPerKey is not int open)
        {
            await _next(context);
            return;
        }

        using var openLease = _limiters.AcquireConcurrency("open", tenant.KeyId, open);
        if (!openLease.IsAcquired)
        {
            await RateLimitRejection.RejectAsync(context, openLease, $"this API key already has {open} requests open", null);
            return;
        }

        await _next(context);
    }
}
