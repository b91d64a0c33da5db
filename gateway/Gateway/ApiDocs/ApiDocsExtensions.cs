using Scalar.AspNetCore;

namespace Gateway.ApiDocs;

internal static class ApiDocsExtensions
{
    public static IServiceCollection AddGatewayApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer<BridgeRoutesDocumentTransformer>());

    /// <summary>
    /// <c>/openapi/v1.json</c> (OpenAPI 3.1 from the live routes) and <c>/docs</c> (Scalar reference, served from
    /// the package itself: no CDN).
    /// </summary>
    public static WebApplication MapGatewayApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");

        // Scalar's page asks for the document relative to itself (/docs/openapi/v1.json).
        app.MapOpenApi("/docs/openapi/{documentName}.json");

        // Scalar's page boots with an inline module script and injects styles: the docs pages alone allow
        // inline script and style; every other page keeps the strict policy.
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";
            }

            return next(context);
        });
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Gemini Bridge Gateway API").WithOpenApiRoutePattern("/openapi/{documentName}.json");

            // No web fonts from Scalar's CDN: the machines running this have no internet, and the CSP forbids it.
            options.DefaultFonts = false;
        });
        return app;
    }
}
