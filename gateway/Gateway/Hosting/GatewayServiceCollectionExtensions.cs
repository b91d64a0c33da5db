using BridgeEngine;
using BridgeEngine.Protocol;
using Gateway.Policies.Resilience;
using Gateway.Endpoints;
using Gateway.Output;
using Gateway.Pipeline;
using Gateway.Proxy;
using Gateway.Policies.Outcome;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>Options, envelope output and the one exception handler.</summary>
    public static IServiceCollection AddGatewayCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<StreamingOptions>().BindConfiguration(StreamingOptions.SectionName).ValidateDataAnnotations();
        services.AddSingleton<EnvelopeWriter>();
        services.AddExceptionHandler<EnvelopeExceptionHandler>();

        // Error shapes by route metadata; policy refusals use them too. A surface adds its own shape (AddCompatApis).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, EnvelopeErrorShape>());
        services.AddSingleton<ErrorShapes>();
        services.AddSingleton<IPolicyRejectionWriter>(sp => sp.GetRequiredService<ErrorShapes>());

        // Graceful shutdown: the host waits for the drain plus the final writes before it aborts connections.
        services.AddOptionsWithValidateOnStart<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainTimeout + ShutdownOptions.FinalWriteAllowance);
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());

        // Nothing here needs persisted keys (YARP's affinity cookies are off); keep data protection in memory so
        // the gateway writes no key files to disk.
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services;
    }

    /// <summary>The bridge engine, its options, and the API operations the YARP routes dispatch to.</summary>
    public static IServiceCollection AddGeminiBridge(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<GeminiWebOptions>().BindConfiguration(GeminiWebOptions.SectionName);
        services.AddSingleton<IValidateOptions<GeminiWebOptions>, GeminiWebOptionsValidator>();
        services.AddSingleton<AppOriginFromCluster>();
        services.AddSingleton<IPostConfigureOptions<GeminiWebOptions>>(services => services.GetRequiredService<AppOriginFromCluster>());
        services.AddSingleton<IValidateOptions<GeminiWebOptions>>(services => services.GetRequiredService<AppOriginFromCluster>());
        // Polly v8 on the one upstream client (Resilience:GeminiWeb): retries for idempotent reads, a circuit per authority.
        services.AddBridgeEngine().AddGeminiWebResilience();

        // The one pipeline under every operation (Pipeline/): dispatch plumbing, chat turns, streams.
        services.AddSingleton<BridgeOperations>();
        services.AddSingleton<StreamTracker>();
        services.AddSingleton<ChatTurnRunner>();
        services.AddSingleton<IBridgeOperation, ChatEndpoint>();
        services.AddSingleton<IBridgeOperation, SessionRotateEndpoint>();
        return services;
    }

    /// <summary>YARP as the front door: routes and clusters from config/reverse-proxy.json, reloaded on change.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddTransforms<StripCredentialHeadersTransformProvider>()
            .AddTransforms<ImageDownloadTransformProvider>()
            .AddConfigFilter<RouteMetadataValidator>();
        return services;
    }
}
