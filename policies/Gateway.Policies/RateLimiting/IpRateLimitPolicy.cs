using Gateway.Policies.ApiKeys;
using Gateway.Policies.ClientIp;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Pipeline step: the route policy's per-client-IP window. Runs before the API key check, so key guessing is
/// limited too. With Redis, a request that carries a valid key has its key and tenant windows charged here as
/// well, in the same round trip; the key step then answers from that verdict.
/// </summary>
public sealed class IpRateLimitPolicy
{
    private readonly RequestDelegate _next;
    private readonly LimiterRegistry _limiters;
    private readonly ApiKeyResolver _keys;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;

    public IpRateLimitPolicy(RequestDelegate next, LimiterRegistry limiters, ApiKeyResolver keys, IOptionsMonitor<RateLimitingOptions> options)
    {
        _next = next;
        _limiters = limiters;
        _keys = keys;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var policyName = RoutePolicyMetadata.RateLimitPolicy(context);
        var policy = _options.CurrentValue.Policy(policyName);
        var window = policy.PerIp;
        if (window is null)
        {
            await _next(context);
            return;
        }

        var batch = default(WindowBatch);
        var ipAt = batch.Add("ip", policyName, context.ClientIp(), window);
        var (keyAt, tenantAt) = (-1, -1);
        if (_limiters.SharesWindows && _keys.ResolveAndRemember(context) is { Status: ApiKeyStatus.Accepted, Tenant: { } tenant })
        {
            (keyAt, tenantAt) = TenantWindows.AddTo(ref batch, tenant, policy, policyName);
        }

        var verdict = await _limiters.ChargeAsync(batch, context.RequestAborted);
        if (verdict.RejectedAt == ipAt)
        {
            await RateLimitRejection.RejectAsync(context, verdict.RetryAfter, "too many requests from this address", window);
            return;
        }

        if (batch.Count > 1)
        {
            context.Features.Set(new ChargedWindows(verdict, keyAt, tenantAt));
        }

        await _next(context);
    }
}
