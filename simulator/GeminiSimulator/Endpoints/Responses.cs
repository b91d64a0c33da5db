using System.Text;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>Plain (non-framed) answers shaped like Google's error pages.</summary>
internal static class Responses
{
    public const string UnusualTrafficHtml =
        "<!DOCTYPE html><html><head><title>Sorry...</title></head><body><div>Our systems have detected unusual traffic from your computer network. " +
        "This page checks to see if it's really you sending the requests, and not a robot.</div></body></html>";

    public static Task TextAsync(HttpContext context, int status, string body, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), context.RequestAborted).AsTask();
    }

    public static Task HtmlAsync(HttpContext context, int status, string body) =>
        TextAsync(context, status, body, "text/html; charset=utf-8");

    /// <summary>§15 row 20: a Google-style error page for an arbitrary status.</summary>
    public static Task ErrorPageAsync(HttpContext context, int status)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            return HtmlAsync(context, status, UnusualTrafficHtml);
        }

        return HtmlAsync(context, status, "<!DOCTYPE html><html><head><title>Error " + status + "</title></head><body><p><b>" + status + ".</b> That's an error.</p></body></html>");
    }

    public static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
    }

    /// <summary>302 to our own ServiceLogin (same origin so redirect-following clients stay on loopback).</summary>
    public static void RedirectToLogin(HttpContext context, Uri baseAddress) =>
        Redirect(context, new Uri(baseAddress, "ServiceLogin").ToString() + "?continue=" + Uri.EscapeDataString("https://gemini.google.com/app"));

    /// <summary>§3 blocked scenario: 302 to /sorry/index?continue=….</summary>
    public static void RedirectToSorry(HttpContext context, Uri baseAddress) =>
        Redirect(context, new Uri(baseAddress, "sorry/index").ToString() + "?continue=" + Uri.EscapeDataString("https://gemini.google.com" + context.Request.Path + context.Request.QueryString));
}
