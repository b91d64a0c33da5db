using Gateway.Policies.ApiKeys;
using Gateway.Policies.BruteForce;
using Gateway.Policies.ClientIp;
using Gateway.Policies.RateLimiting;
using Gateway.Policies.UpstreamBlock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Policies;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>Options (validated at start, reloaded on change) and state for every policy step.</summary>
    public static IServiceCollection AddGatewayPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptionsWithValidateOnStart<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddOptionsWithValidateOnStart<UpstreamBlockOptions>().BindConfiguration(UpstreamBlockOptions.SectionName)
            .Validate(o => o.CoolDown >= TimeSpan.Zero, "UpstreamBlock:CoolDown must not be negative.");
        services.AddOptionsWithValidateOnStart<BruteForceOptions>().BindConfiguration(BruteForceOptions.SectionName)
            .Validate(o => o.MaxFailures >= 1, "BruteForce:MaxFailures must be at least 1.")
            .Validate(o => o.Window > TimeSpan.Zero && o.BlockFor > TimeSpan.Zero, "BruteForce:Window and BruteForce:BlockFor must be positive.")
            .Validate(o => o.SlowDownAfter >= 1 && o.SlowDownStep >= TimeSpan.Zero && o.MaxSlowDown >= TimeSpan.Zero && o.MaxSlowDown <= TimeSpan.FromSeconds(30),
                "BruteForce:SlowDownAfter must be at least 1, SlowDownStep and MaxSlowDown not negative, MaxSlowDown at most 30 s.");

        services.AddClientIpResolution(configuration);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyResolver>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisWarmUp>();
        services.AddSingleton<LimiterRegistry>();
        services.AddSingleton<UpstreamBlockState>();
        services.AddSingleton<BruteForceGuard>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policies", tags: ["ready"]);
        return services;
    }
}
