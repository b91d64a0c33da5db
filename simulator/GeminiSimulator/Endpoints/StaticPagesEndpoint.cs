using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>The block page, the login page and image bytes.</summary>
internal static class StaticPagesEndpoint
{
    /// <summary>A 1×1 transparent PNG served for every simulated image URL.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    /// <summary>§3 / §15 row 13: 429 with "unusual traffic".</summary>
    public static Task SorryAsync(SimRequest request) =>
        Responses.HtmlAsync(request.Context, StatusCodes.Status429TooManyRequests, Responses.UnusualTrafficHtml);

    /// <summary>§3: [LEE] detects the login page by the accounts.google.com/ServiceLogin marker.</summary>
    public static Task LoginAsync(SimRequest request) =>
        Responses.HtmlAsync(
            request.Context,
            StatusCodes.Status200OK,
            "<!doctype html><html><head><title>Sign in - Google Accounts</title></head><body>" +
            "<form action=\"https://accounts.google.com/ServiceLogin\" method=\"post\"><input name=\"identifier\"></form>" +
            "<a href=\"https://accounts.google.com/v3/signin/identifier\">Sign in</a></body></html>");

    /// <summary>§3: the www.google.com preflight: a page that sets NID (and a consent cookie) for the session jar.</summary>
    public static Task PreflightAsync(SimRequest request)
    {
        request.Context.Response.Headers.Append("Set-Cookie", "NID=sim-nid-" + SimulatorState.Hex(12) + "; Domain=.google.com; Path=/; Secure; HttpOnly");
        request.Context.Response.Headers.Append("Set-Cookie", "SOCS=sim-consent; Domain=.google.com; Path=/; Secure");
        return Responses.HtmlAsync(request.Context, StatusCodes.Status200OK, "<!doctype html><html><head><title>Google</title></head><body></body></html>");
    }

    /// <summary>§13: downloading a generated image needs the session cookies; web images are public.</summary>
    public static Task ImageAsync(SimRequest request)
    {
        var path = request.Context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/img/gen/", StringComparison.Ordinal) && request.Account is null)
        {
            return Responses.ErrorPageAsync(request.Context, StatusCodes.Status403Forbidden);
        }

        if (path.StartsWith("/media/", StringComparison.Ordinal))
        {
            request.Context.Response.StatusCode = StatusCodes.Status200OK;
            request.Context.Response.ContentType = path.EndsWith(".mp3", StringComparison.Ordinal) ? "audio/mpeg" : "video/mp4";
            return request.Context.Response.Body.WriteAsync(Png, request.Aborted).AsTask();
        }

        request.Context.Response.StatusCode = StatusCodes.Status200OK;
        request.Context.Response.ContentType = "image/png";
        return request.Context.Response.Body.WriteAsync(Png, request.Aborted).AsTask();
    }
}
