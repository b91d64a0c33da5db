using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// The per-request cookie jar of protocol §2.1: seeded by nothing but the caller's two cookies (kept on
/// <see cref="UpstreamCall"/>), filled by <c>Set-Cookie</c> answers, gone with the request. Bounded so a hostile
/// upstream cannot grow it.
/// </summary>
public sealed class CookieJar
{
    private const int MaxCookies = 32;
    private const int MaxNameLength = 128;
    private const int MaxValueLength = 4096;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _cookies.Count;
            }
        }
    }

    /// <summary>Applies one Set-Cookie value; the session cookies are handled by the caller and never stored here.</summary>
    public void Accept(string name, string value, bool expired)
    {
        if (name is GeminiPaths.PsidCookie or GeminiPaths.PsidtsCookie || !IsToken(name) || name.Length > MaxNameLength
            || value.Length > MaxValueLength || !IsCookieValue(value))
        {
            return;
        }

        lock (_lock)
        {
            if (expired)
            {
                _cookies.Remove(name);
            }
            else if (_cookies.Count < MaxCookies || _cookies.ContainsKey(name))
            {
                _cookies[name] = value;
            }
        }
    }

    /// <summary>Appends "; name=value" for every cookie.</summary>
    public void AppendTo(System.Text.StringBuilder header)
    {
        lock (_lock)
        {
            foreach (var (name, value) in _cookies)
            {
                if (header.Length > 0)
                {
                    header.Append("; ");
                }

                header.Append(name).Append('=').Append(value);
            }
        }
    }

    private static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => c is > ' ' and < (char)127 and not ('(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}'));

    private static bool IsCookieValue(string text) =>
        text.All(c => c is > ' ' and < (char)127 and not ('"' or ',' or ';' or '\\'));
}
