using System.Text.Json;
using Scalar.AspNetCore;

namespace Gateway.ApiDocs;

internal static class ApiDocsExtensions
{
    /// <summary>The document's path; the reference at /docs reads it relative to itself too (/docs/openapi/v1.json).</summary>
    public const string DocumentPath = "/openapi/v1.json";

    // Scalar's vendor extras: the "Powered by" link and anything else pointing at the vendor's site.
    private const string ProductOnlyCss = "a[href*='scalar.com'] { display: none !important; }";

    // Zod (inside Scalar's bundle) probes for eval with Function("") unless told jitless; the CSP forbids eval, so the
    // probe only fails and reports a CSP violation. Set before scalar.js runs: the same validation, without the probe.
    private const string JitlessZodScript = "<script>globalThis.__zod_globalConfig = { jitless: true };</script>";

    public static IServiceCollection AddGatewayApiDocs(this IServiceCollection services) =>
        services.AddSingleton<OpenApiDocumentBuilder>();

    /// <summary>
    /// <c>/openapi/v1.json</c> (OpenAPI 3.1 from the live routes) and <c>/docs</c> (Scalar reference, served from
    /// the package itself: no CDN, no vendor features, requests to the page's own origin).
    /// </summary>
    public static WebApplication MapGatewayApiDocs(this WebApplication app)
    {
        app.MapGet(DocumentPath, WriteDocumentAsync).ExcludeFromDescription();
        app.MapGet("/docs" + DocumentPath, WriteDocumentAsync).ExcludeFromDescription();

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

            // No web fonts from the vendor's CDN: the machines running this have no internet, and the CSP forbids it.
            options.DefaultFonts = false;

            // The product only: no developer toolbar (Deploy, Generate SDK, Share), no AI agent, no MCP, no telemetry,
            // no vendor link or icon.
            options.HideDeveloperTools().DisableAgent().DisableMcp().DisableTelemetry().WithDotNetFlag(false);
            options.WithFavicon("/img/logo.svg").WithCustomCss(ProductOnlyCss).WithJsonDocumentDownload();
            options.HeadContent = JitlessZodScript;
        });
        return app;
    }

    private static async Task WriteDocumentAsync(HttpContext context, OpenApiDocumentBuilder builder)
    {
        var request = context.Request;

        // The page's own origin, without a trailing slash: paths start with "/", so "/api/chat" never becomes "//api/chat".
        var server = $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        var document = builder.Build(server);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Indented = true });
        document.WriteTo(json);
    }
}
