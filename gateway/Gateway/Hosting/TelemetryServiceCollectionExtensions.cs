using BridgeEngine.Diagnostics;
using Gateway.Diagnostics;
using Gateway.Policies.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Hosting;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>Health, readiness and scrape paths: polled every few seconds, never worth a span.</summary>
    private static readonly string[] QuietPaths = ["/healthz", "/readyz"];

    /// <summary>
    /// OpenTelemetry traces, metrics and logs (conventions §13), exporters switched by <see cref="TelemetryOptions"/>.
    /// No instrumentation here records a header, a body or a query string value: the ASP.NET Core and HttpClient
    /// instrumentations record neither headers nor bodies unless told to, both redact query values, and the
    /// upstream URL is cut to its path on top of that. Call after the host's own configuration is in place (the
    /// exporters are chosen from it here).
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.AddUrlRedactingLogFilters();

        // W3C trace context only (no baggage). With exactly this propagator the HttpClient instrumentation leaves
        // header injection to the runtime, and the GeminiWeb handler's propagator writes nothing: Google never sees
        // a traceparent a browser would not send. (Process-wide: the gateway is the process.)
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
        if (!options.IsCollecting)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(GatewayMetrics.SourceName, PolicyTelemetry.SourceName, BridgeTelemetry.SourceName)
                .AddProcessor(new RequestIdActivityProcessor())
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.RecordException = false;
                    aspnet.Filter = context => !IsQuiet(context.Request.Path, options);

                    // The instrumentation records the raw path (url.path) and the query with its values redacted;
                    // callers paste cookies and keys into both. The span keeps the route template (http.route)
                    // and the redacted path, and no query at all.
                    aspnet.EnrichWithHttpRequest = static (activity, request) =>
                    {
                        activity.SetTag("url.path", RedactedPath.ShapeOf(request.HttpContext));
                        activity.SetTag("url.query", null);
                    };
                    aspnet.EnrichWithHttpResponse = static (activity, response) =>
                    {
                        activity.SetTag("url.path", RedactedPath.Of(response.HttpContext));
                        activity.SetTag("url.query", null);
                    };
                })
                .AddHttpClientInstrumentation(http =>
                {
                    http.RecordException = false;

                    // Upstream URLs carry session values in the query (f.sid, bl, _reqid): keep the path only.
                    http.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri)
                        {
                            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                        }
                    };
                }))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(GatewayMetrics.MeterName, BridgeTelemetry.MeterName, "Polly")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        if (options.Otlp.Endpoint is { } endpoint)
        {
            var protocol = string.Equals(options.Otlp.Protocol, "HttpProtobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, endpoint);
        }

        return builder;
    }

    /// <summary>
    /// The framework's request lines (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>: "Request starting … path?query"
    /// at Information) and its request scope (<c>RequestPath</c>) carry the raw URL; the gateway writes its own line
    /// (<see cref="RequestLoggingMiddleware"/>) and scope instead. Routing and static files name the raw path at
    /// Debug and Information. Added after the configuration's rules, so an operator's <c>Logging:LogLevel</c> cannot turn them back on.
    /// </summary>
    public static WebApplicationBuilder AddUrlRedactingLogFilters(this WebApplicationBuilder builder)
    {
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            // Also once per provider named in the rules: a provider's own rule would beat a rule for all providers.
            var providers = filters.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
            foreach (var (category, level) in UrlWritingCategories)
            {
                foreach (var provider in providers)
                {
                    filters.Rules.Add(new LoggerFilterRule(provider, category, level, null));
                }
            }
        });
        return builder;
    }

    private static readonly (string Category, LogLevel Level)[] UrlWritingCategories =
    [
        ("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None),
        ("Microsoft.AspNetCore.Routing", LogLevel.Warning),
        ("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning),
        ("Microsoft.AspNetCore.StaticAssets", LogLevel.Warning),
    ];

    /// <summary>Maps the Prometheus scrape endpoint when <c>Telemetry:Prometheus:Enabled</c>.</summary>
    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path);
        }

        return app;
    }

    private static bool IsQuiet(PathString path, TelemetryOptions options) =>
        QuietPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase))
        || (options.Prometheus.Enabled && path.Equals(options.Prometheus.Path, StringComparison.OrdinalIgnoreCase));
}
