using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Gateway.Hosting;

/// <summary>
/// The web front: the landing page, playground and docs in <c>wwwroot/</c>, served by the gateway itself
/// (no CDN, no external script), and the hardening headers every response carries. Call it in the pipeline
/// before <c>MapReverseProxy</c>, so <c>/</c> and the page's files are answered here and the API routes go on.
/// </summary>
internal static class WebFrontExtensions
{
    /// <summary>No inline script or style, nothing from another origin except images (Gemini answers link them).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https: http:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The page needs none of these browser features; only names Chromium knows (no console warnings).</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>
    /// The API docs page boots Scalar with an inline script and injected styles, so its page alone carries a
    /// relaxed policy (set where the docs are mapped). Only the page itself needs it: its scripts, the OpenAPI
    /// document and anything else under <c>/docs</c> get the strict policy back.
    /// </summary>
    private static readonly string[] DocsPages = ["/docs", "/docs/", "/docs/v1"];

    private static readonly string[] ApiPrefixes = ["/api", "/v1", "/v1beta"];

    private static bool IsApi(PathString path)
    {
        foreach (var prefix in ApiPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void ScopeDocsPolicy(HttpResponse response)
    {
        var headers = response.Headers;
        if (headers.ContentSecurityPolicy.Count == 0 || headers.ContentSecurityPolicy == ContentSecurityPolicy)
        {
            return;
        }

        var path = response.HttpContext.Request.Path.Value;
        var isPage = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            && DocsPages.Any(p => string.Equals(p, path, StringComparison.OrdinalIgnoreCase));
        if (!isPage)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
    }

    public static WebApplication UseWebFront(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.Use(static (context, next) =>
        {
            // OnStarting, so the headers survive a handler that clears the response (the exception handler does).
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                ScopeDocsPolicy(response);
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, ContentSecurityPolicy);
                if (IsApi(response.HttpContext.Request.Path))
                {
                    // API answers are per caller and often carry account data: no cache, shared or private, keeps
                    // them. An answer that chose its own (SSE's no-cache) keeps that.
                    headers.TryAdd(HeaderNames.CacheControl, "no-store");
                }

                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd("Referrer-Policy", "no-referrer");
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
                headers.TryAdd("Permissions-Policy", PermissionsPolicy);
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });

        var files = ResolveWebRoot(app);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = CreateContentTypes(),
            OnPrepareResponse = static file =>
            {
                // Small files that change with each release and no fingerprinted names: revalidate every time.
                file.Context.Response.Headers.CacheControl = "no-cache";
            },
        });

        // The page asks this (no cookie needed) to learn whether to show the simulator banner and help.
        app.MapGatewayInfo();
        return app;
    }

    /// <summary>
    /// Where the page's files are: the web root when it holds them (published output, or run from the project
    /// folder); else <c>wwwroot/</c> beside the binary; else the build's static web assets manifest, which points
    /// at the project's <c>wwwroot/</c> (a plain <c>dotnet build</c> then <c>dotnet run</c> from any folder).
    /// </summary>
    private static IFileProvider ResolveWebRoot(WebApplication app)
    {
        var environment = app.Environment;
        if (HasIndex(environment.WebRootFileProvider))
        {
            return environment.WebRootFileProvider;
        }

        var besideBinary = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(besideBinary, "index.html")))
        {
            return new PhysicalFileProvider(besideBinary);
        }

        var manifest = Path.Combine(AppContext.BaseDirectory, $"{environment.ApplicationName}.staticwebassets.runtime.json");
        if (File.Exists(manifest))
        {
            StaticWebAssetsLoader.UseStaticWebAssets(environment, app.Configuration);
        }

        return environment.WebRootFileProvider;
    }

    private static bool HasIndex(IFileProvider? provider) => provider is not null && provider.GetFileInfo("index.html").Exists;

    /// <summary>The code examples are shown as text and downloaded, never run by the browser.</summary>
    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        foreach (var extension in new[] { ".sh", ".mjs", ".py", ".cs", ".csproj", ".md" })
        {
            types.Mappings[extension] = "text/plain; charset=utf-8";
        }

        return types;
    }
}
