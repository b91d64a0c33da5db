using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Policies;
using Gateway.Proxy;

namespace Gateway.Hosting;

internal static class GatewayPipelineExtensions
{
    /// <summary>
    /// The request path, in order: request id, the request log line and metrics, the one exception handler,
    /// envelope status pages (404/405 and any other bare status), then YARP routes whose pipeline ends in the
    /// bridge dispatch.
    /// </summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Reached only if the registered handler declined, which it never does; kept as a last resort.
            ExceptionHandler = context => context.RequestServices.GetRequiredService<EnvelopeWriter>()
                .WriteErrorAsync(context, BridgeEngine.Errors.BridgeErrorCode.InternalError, null),
        });
        app.UseStatusCodePages(context => context.HttpContext.RequestServices.GetRequiredService<EnvelopeWriter>()
            .WriteErrorAsync(context.HttpContext, ErrorCatalog.ForStatus(context.HttpContext.Response.StatusCode), null));

        // The landing page, playground and docs (wwwroot) with the security headers for every response.
        app.UseWebFront();
        app.MapGatewayHealth();
        app.MapGatewayApiDocs();
        app.MapGatewayMetrics();
        var traced = (app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions()).IsCollecting;
        app.MapReverseProxy(proxy =>
        {
            // policies/: brute-force guard, IP limit, API key, key and tenant limits, per-account cap.
            proxy.UseRequestPolicies(traced);

            // YARP defaults a custom pipeline must add back (session affinity is not used: the gateway is stateless).
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();

            // policies/UpstreamBlock: cool-down per egress, then the bridge engine answers in-process.
            proxy.UseUpstreamPolicies(traced);
            proxy.UseMiddleware<BridgeDispatchMiddleware>();
        });
        return app;
    }
}
