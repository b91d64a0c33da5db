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
    /// Reorder here; each step is one file and, when traces are collected, one span (<see cref="PolicyTelemetry"/>).
    /// </summary>
    /// <param name="traced">False when nothing collects traces: the steps then run without their span wrappers.</param>
    public static IReverseProxyApplicationBuilder UseRequestPolicies(this IReverseProxyApplicationBuilder proxy, bool traced = true)
    {
        proxy.UseTracedStep<BruteForceGuardPolicy>("brute_force", traced);
        proxy.UseTracedStep<IpRateLimitPolicy>("ip_rate_limit", traced);
        proxy.UseTracedStep<ApiKeyPolicy>("api_key", traced);
        proxy.UseTracedStep<KeyRateLimitPolicy>("key_rate_limit", traced);
        proxy.UseTracedStep<AccountConcurrencyPolicy>("account_concurrency", traced);
        return proxy;
    }

    /// <summary>The steps that need the chosen destination (after load balancing): the upstream block cool-down.</summary>
    public static IReverseProxyApplicationBuilder UseUpstreamPolicies(this IReverseProxyApplicationBuilder proxy, bool traced = true)
    {
        proxy.UseTracedStep<UpstreamBlockPolicy>("upstream_block", traced);
        return proxy;
    }
}
