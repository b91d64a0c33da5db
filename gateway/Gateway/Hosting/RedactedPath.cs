using Microsoft.AspNetCore.Routing;

namespace Gateway.Hosting;

/// <summary>
/// The path as logs and traces may show it: a matched route's template (<c>/api/conversations/{id}</c>), a
/// static file's own name, or for anything else the first segment when it is one of the API's prefixes and a
/// <c>*</c> per further segment. Never a caller's raw segment or query value: callers do paste cookies and keys
/// into URLs.
/// </summary>
public static class RedactedPath
{
    private static readonly string[] KnownPrefixes = ["api", "v1", "v1beta", "docs", "openapi"];

    public static string Of(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
        {
            return template.StartsWith('/') ? template : "/" + template;
        }

        var path = context.Request.Path.Value ?? "/";

        // Answered by the static files with no endpoint: a file of wwwroot, so a name the gateway ships.
        return context.GetEndpoint() is null && context.Response.StatusCode is >= 200 and < 400 && !IsApi(path) ? path : Shape(path);
    }

    /// <summary>Before routing ran (a span's start): the shape only.</summary>
    public static string ShapeOf(HttpContext context) => Shape(context.Request.Path.Value ?? "/");

    private static bool IsApi(string path)
    {
        var first = FirstSegment(path);
        foreach (var prefix in KnownPrefixes)
        {
            if (first.Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> FirstSegment(string path)
    {
        var span = path.AsSpan().TrimStart('/');
        var slash = span.IndexOf('/');
        return slash < 0 ? span : span[..slash];
    }

    private static string Shape(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return "/";
        }

        var first = KnownPrefixes.FirstOrDefault(p => p.Equals(segments[0], StringComparison.OrdinalIgnoreCase)) ?? "*";
        return "/" + first + string.Concat(Enumerable.Repeat("/*", segments.Length - 1));
    }
}
