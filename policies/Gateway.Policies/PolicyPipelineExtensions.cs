using Gateway.Policies.ApiKeys;
using Gateway.Policies.BruteForce;
using Gateway.Policies.RateLimiting;
using Gateway.Policies.UpstreamBlock;
using Microsoft.AspNetCore.Builder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Policies;

public static class PolicyPipelineExtensions
{
    /// <summary>
    /// The policy steps before YARP picks a destination, in order: the cheapest refusals first.
    /// Reorder here; each step is one file.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseRequestPolicies(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<BruteForceGuardPolicy>();
        proxy.UseMiddleware<IpRateLimitPolicy>();
        proxy.UseMiddleware<ApiKeyPolicy>();
        proxy.UseMiddleware<KeyRateLimitPolicy>();
        proxy.UseMiddleware<AccountConcurrencyPolicy>();
        return proxy;
    }

    /// <summary>The steps that need the chosen destination (after load balancing): the upstream block cool-down.</summary>
    public static IReverseProxyApplicationBuilder UseUpstreamPolicies(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<UpstreamBlockPolicy>();
        return proxy;
    }
}
