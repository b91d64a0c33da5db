using System.Diagnostics;
using System.Net;
using BridgeEngine.Client;
using BridgeEngine.Diagnostics;
using BridgeEngine.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using BridgeEngine.Contracts;

namespace BridgeEngine;

public static class BridgeEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine and its one named upstream client. Bind <see cref="GeminiWebOptions"/> separately
    /// (the host owns configuration).
    /// </summary>
    public static IHttpClientBuilder AddBridgeEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BridgeTelemetry>();
        services.TryAddSingleton<RequestIdSequence>();
        services.TryAddSingleton<CredentialFingerprint>();
        services.TryAddSingleton<SessionCache>();
        services.TryAddSingleton<GeminiTransport>();
        services.TryAddSingleton<BatchExecuteClient>();
        services.TryAddSingleton<SessionBootstrapper>();
        services.TryAddSingleton<GeminiWebClient>();
        services.TryAddSingleton<BlockReporter>();
        services.TryAddSingleton<IUpstreamBlockSink, NoBlockSink>();

        return services
            .AddHttpClient(GeminiTransport.HttpClientName, client =>
            {
                // Only the engine's own timeouts decide (idle per read, total per turn).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => CreateHandler(provider.GetRequiredService<IOptions<GeminiWebOptions>>().Value))
            // The factory's default logging writes request URIs per call; the engine logs what matters itself.
            .RemoveAllLoggers();
    }

    private static SocketsHttpHandler CreateHandler(GeminiWebOptions options) => new()
    {
        // Stateless: cookies come from the caller per request and are never kept in a shared jar.
        UseCookies = false,
        // Redirects are answers here (block page, sign-in page), so the engine inspects them itself.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        MaxConnectionsPerServer = options.MaxConnectionsPerServer,
        ConnectTimeout = options.Timeouts.Connect,
        EnableMultipleHttp2Connections = true,
        UseProxy = options.Proxy is not null,
        Proxy = options.Proxy is null ? null : new WebProxy(options.Proxy),
        // A browser sends no traceparent/baggage: trace context stays inside the gateway, Google never sees it.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    };
}
