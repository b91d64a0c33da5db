namespace BridgeEngine.Protocol;

/// <summary>
/// Section <c>GeminiWeb:ClientIdentity</c> (protocol §2.6): one consistent desktop identity on every upstream call.
/// Either no client hints (as [LEE]) or the full matching set; never a Firefox User-Agent with Chrome hints
/// (Google sign-in rejected exactly that mix). .NET cannot present a browser TLS fingerprint: for that, set
/// <c>GeminiWeb:Proxy</c> to a proxy that re-originates TLS.
/// </summary>
public sealed class ClientIdentityOptions
{
    /// <summary>Send <c>sec-ch-ua</c>, <c>sec-ch-ua-mobile</c> and <c>sec-ch-ua-platform</c> matching <see cref="GeminiWebOptions.UserAgent"/>.</summary>
    public bool ClientHints { get; set; }

    /// <summary><c>sec-ch-ua</c>: the brands, with the same major version as the User-Agent.</summary>
    public string SecChUa { get; set; } = "\"Chromium\";v=\"145\", \"Google Chrome\";v=\"145\", \"Not/A)Brand\";v=\"99\"";

    /// <summary><c>sec-ch-ua-platform</c>: the User-Agent's OS.</summary>
    public string SecChUaPlatform { get; set; } = "\"Windows\"";
}
