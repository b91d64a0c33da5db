using Gateway.Output;
using Gateway.Proxy;

namespace Gateway.Hosting;

public static class GatewayPipelineExtensions
{
    /// <summary>
    /// The request path, in order: request id, the one exception handler, envelope status pages (404/405 and
    /// any other bare status), then YARP routes whose pipeline ends in the bridge dispatch.
    /// </summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Reached only if the registered handler declined, which it never does; kept as a last resort.
            ExceptionHandler = context => context.RequestServices.GetRequiredService<EnvelopeWriter>()
                .WriteErrorAsync(context, BridgeEngine.Errors.BridgeErrorCode.InternalError, null),
        });
        app.UseStatusCodePages(context => context.HttpContext.RequestServices.GetRequiredService<EnvelopeWriter>()
            .WriteErrorAsync(context.HttpContext, ErrorCatalog.ForStatus(context.HttpContext.Response.StatusCode), null));

        app.MapReverseProxy(proxy =>
        {
            // Defaults that a custom pipeline must add back (YARP docs), then the bridge dispatch.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
            proxy.UseMiddleware<BridgeDispatchMiddleware>();
        });
        return app;
    }
}
