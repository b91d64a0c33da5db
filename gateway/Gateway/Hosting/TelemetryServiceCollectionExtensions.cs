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
