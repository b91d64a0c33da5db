using System.Net.Http.Headers;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Reads and writes the two session cookies (protocol §2.1: send only these two). Values were validated by
/// the gateway, so they hold no ';', '=' or whitespace.
/// </summary>
public static class CookieHeader
{
    public static void Apply(HttpRequestMessage request, UpstreamCall call)
    {
        var psidts = call.EffectivePsidts;
        var value = psidts is null
            ? string.Concat(GeminiPaths.PsidCookie, "=", call.Credentials.Psid)
            : string.Concat(GeminiPaths.PsidCookie, "=", call.Credentials.Psid, "; ", GeminiPaths.PsidtsCookie, "=", psidts);
        request.Headers.TryAddWithoutValidation("Cookie", value);
    }

    /// <summary>Protocol §4, §2.1: any response may rotate __Secure-1PSIDTS through Set-Cookie.</summary>
    public static void CaptureRotation(HttpResponseHeaders headers, UpstreamCall call)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var setCookie in values)
        {
            var span = setCookie.AsSpan().TrimStart();
            if (!span.StartsWith(GeminiPaths.PsidtsCookie + "=", StringComparison.Ordinal))
            {
                continue;
            }

            var value = span[(GeminiPaths.PsidtsCookie.Length + 1)..];
            var end = value.IndexOf(';');
            if (end >= 0)
            {
                value = value[..end];
            }

            call.ObserveRotatedPsidts(value.Trim().ToString());
        }
    }
}
