namespace BridgeEngine.Protocol;

/// <summary>
/// The short in-memory cache of page values (access token, build label, models) per cookie identity.
/// It saves one page fetch and one account probe per request; it is keyed by a keyed hash of the cookie
/// and never holds the cookie itself.
/// </summary>
public sealed class SessionCacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Protocol §3 ([NOTE-A]): a token still worked an hour later; five minutes keeps the risk small.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on cached identities so a flood of distinct cookies cannot grow memory without end.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
