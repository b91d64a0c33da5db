using BridgeEngine.Protocol;
using Gateway.Policies.ApiKeys;
using Gateway.Policies.BruteForce;
using Gateway.Policies.RateLimiting;
using Gateway.Policies.Resilience;
using Gateway.Policies.UpstreamBlock;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The readiness checks the gateway adds to the policies' own (Redis, block cool-downs): configuration
    /// validity and the upstream circuits. None of them calls Google.
    /// </summary>
    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        IReadOnlyList<(string, Func<IServiceProvider, object>)> sections = new List<(string, Func<IServiceProvider, object>)>
        {
            Section<GatewayOptions>(GatewayOptions.SectionName),
            Section<StreamingOptions>(StreamingOptions.SectionName),
            Section<GeminiWebOptions>(GeminiWebOptions.SectionName),
            Section<AuthOptions>(AuthOptions.SectionName),
            Section<RateLimitingOptions>(RateLimitingOptions.SectionName),
            Section<UpstreamBlockOptions>(UpstreamBlockOptions.SectionName),
            Section<BruteForceOptions>(BruteForceOptions.SectionName),
            Section<GeminiWebResilienceOptions>(GeminiWebResilienceOptions.SectionName),
        };
        services.AddHealthChecks()
            .AddTypeActivatedCheck<ConfigHealthCheck>("config", failureStatus: null, tags: ["ready"], args: sections)
            .AddCheck<UpstreamCircuitHealthCheck>("upstream", tags: ["ready"]);
        return services;
    }

    private static (string, Func<IServiceProvider, object>) Section<T>(string name)
        where T : class => (name, sp => sp.GetRequiredService<IOptionsMonitor<T>>().CurrentValue);
}
