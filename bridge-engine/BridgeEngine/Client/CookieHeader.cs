using System.Net.Http.Headers;
using System.Text;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Writes the Cookie header (protocol §2.1: the two session cookies, plus what upstream set during this request)
/// and reads Set-Cookie answers. Caller values were validated by the gateway, so they hold no ';', '=' or whitespace.
/// </summary>
internal static class CookieHeader
{
    /// <param name="sessionCookies">False for the §3 preflight, which [GWA] sends with an empty jar.</param>
    /// <param name="withJar">True for *.google.com hosts, where the jar's cookies belong.</param>
    public static void Apply(HttpRequestMessage request, UpstreamCall call, bool sessionCookies = true, bool withJar = true)
    {
        var value = new StringBuilder(256);
        if (sessionCookies)
        {
            value.Append(GeminiPaths.PsidCookie).Append('=').Append(call.Credentials.Psid);
            if (call.EffectivePsidts is { } psidts)
            {
                value.Append("; ").Append(GeminiPaths.PsidtsCookie).Append('=').Append(psidts);
            }
        }

        if (withJar)
        {
            call.Jar.AppendTo(value);
        }

        if (value.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", value.ToString());
        }
    }

    /// <summary>Protocol §4, §2.1: a rotated __Secure-1PSIDTS goes back to the caller; other cookies into the request's jar.</summary>
    public static void Capture(HttpResponseHeaders headers, UpstreamCall call)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var setCookie in values)
        {
            var span = setCookie.AsSpan().Trim();
            var end = span.IndexOf(';');
            var pair = end >= 0 ? span[..end] : span;
            var attributes = end >= 0 ? span[(end + 1)..] : [];
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = pair[..eq].Trim().ToString();
            var value = pair[(eq + 1)..].Trim().ToString();
            if (name == GeminiPaths.PsidtsCookie)
            {
                call.ObserveRotatedPsidts(value);
                continue;
            }

            call.Jar.Accept(name, value, IsExpired(attributes));
        }
    }

    private static bool IsExpired(ReadOnlySpan<char> attributes) =>
        attributes.Contains("max-age=0", StringComparison.OrdinalIgnoreCase) || attributes.Contains("max-age=-", StringComparison.OrdinalIgnoreCase);
}
