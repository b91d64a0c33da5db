using Gateway.Policies.ApiKeys;
using Gateway.Policies.BruteForce;
using Gateway.Policies.Diagnostics;
using Gateway.Policies.RateLimiting;
using Gateway.Policies.UpstreamBlock;
using Microsoft.AspNetCore.Builder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Policies;

public static class PolicyPipelineExtensions
{
    /// <summary>
    /// The policy steps before YARP picks a destination, in order: the cheapest refusals first.
    /// Reorder here; each step is one file and one span (<see cref="PolicyTelemetry"/>).
    /// </summary>
    public static IReverseProxyApplicationBuilder UseRequestPolicies(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseTracedStep<BruteForceGuardPolicy>("brute_force");
        proxy.UseTracedStep<IpRateLimitPolicy>("ip_rate_limit");
        proxy.UseTracedStep<ApiKeyPolicy>("api_key");
        proxy.UseTracedStep<KeyRateLimitPolicy>("key_rate_limit");
        proxy.UseTracedStep<AccountConcurrencyPolicy>("account_concurrency");
        return proxy;
    }

    /// <summary>The steps that need the chosen destination (after load balancing): the upstream block cool-down.</summary>
    public static IReverseProxyApplicationBuilder UseUpstreamPolicies(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseTracedStep<UpstreamBlockPolicy>("upstream_block");
        return proxy;
    }
}
