using Gateway.Policies.ClientIp;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>Pipeline step: the route policy's per-client-IP window. Runs before the API key check, so key guessing is limited too.</summary>
public sealed class IpRateLimitPolicy
{
    private readonly RequestDelegate _next;
    private readonly LimiterRegistry _limiters;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;

    public IpRateLimitPolicy(RequestDelegate next, LimiterRegistry limiters, IOptionsMonitor<RateLimitingOptions> options)
    {
        _next = next;
        _limiters = limiters;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var policyName = RoutePolicyMetadata.RateLimitPolicy(context);
        var window = _options.CurrentValue.Policy(policyName).PerIp;
        if (window is null)
        {
            await _next(context);
            return;
        }

        using var lease = await _limiters.AcquireWindowAsync(new LimitRequest("ip", policyName, context.ClientIp(), window), context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await RateLimitRejection.RejectAsync(context, lease, "too many requests from this address", window);
            return;
        }

        await _next(context);
    }
}
