using BridgeEngine.Errors;
using BridgeEngine.Protocol;
using Gateway.Endpoints;
using Gateway.Output;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// The image download route (<c>GET /api/images?url=…</c>, route metadata <c>ImageDownload</c>): YARP forwards the
/// request to the generated image's own URL with the caller's Gemini cookies (protocol §13: downloading needs
/// them). Only URLs on <c>GeminiWeb:ImageHosts</c> are fetched, never an arbitrary one; only the two session cookies
/// are sent, no caller header is copied, and Google's Set-Cookie never reaches the caller. Nothing is stored.
/// </summary>
internal sealed class ImageDownloadTransformProvider : ITransformProvider
{
    public const string MetadataKey = Gateway.Policies.RouteMetadataKeys.ImageDownload;
    private const int MaxUrlLength = 4096;

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.Metadata is null || !context.Route.Metadata.ContainsKey(MetadataKey))
        {
            return;
        }

        // Nothing of the caller's request travels except what is added below (API keys, cookies, Authorization stay here).
        context.CopyRequestHeaders = false;
        context.UseDefaultForwarders = false;
        context.AddRequestTransform(ApplyAsync);
        context.AddResponseHeaderRemove("Set-Cookie");
    }

    private static async ValueTask ApplyAsync(RequestTransformContext transform)
    {
        var http = transform.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<GeminiWebOptions>>().CurrentValue;
        BridgeErrorCode? refusal = null;
        var message = string.Empty;
        Uri? target = null;
        try
        {
            var credentials = GeminiCredentialHeaders.Read(http.Request);
            var url = http.Request.Query["url"].ToString();
            if (url.Length is 0 or > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out target)
                || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp) || target.UserInfo.Length > 0
                || !options.ImageHosts.Any(h => string.Equals(h.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)))
            {
                refusal = BridgeErrorCode.InvalidBody;
                message = "Query parameter 'url' must be the URL of a generated image on one of Gemini's image hosts (GeminiWeb:ImageHosts).";
            }
            else
            {
                var cookie = "__Secure-1PSID=" + credentials.Psid + (credentials.Psidts is { } ts ? "; __Secure-1PSIDTS=" + ts : string.Empty);
                transform.ProxyRequest.RequestUri = target;
                transform.ProxyRequest.Headers.Host = null;
                transform.ProxyRequest.Headers.TryAddWithoutValidation("Cookie", cookie);
                transform.ProxyRequest.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                transform.ProxyRequest.Headers.TryAddWithoutValidation("Accept", "image/avif,image/webp,image/png,image/*,*/*;q=0.8");
                transform.ProxyRequest.Headers.TryAddWithoutValidation("Referer", options.AppBaseUrl.GetLeftPart(UriPartial.Authority) + "/");
            }
        }
        catch (BridgeException ex)
        {
            refusal = ex.Code;
            message = ex.Message;
        }

        if (refusal is { } code)
        {
            // A status other than 200 written here stops YARP from forwarding (YARP transform extensibility).
            await http.RequestServices.GetRequiredService<EnvelopeWriter>().WriteErrorAsync(http, code, message);
        }
    }
}
