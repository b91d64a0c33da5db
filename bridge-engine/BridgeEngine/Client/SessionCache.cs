using System.Collections.Concurrent;
using BridgeEngine.Protocol;
using Microsoft.Extensions.Options;

namespace BridgeEngine.Client;

/// <summary>
/// Short-lived cache of <see cref="GeminiSession"/> per cookie identity (protocol §3: the token is
/// session-scoped). Keys are keyed hashes; entries expire after <see cref="SessionCacheOptions.Lifetime"/>.
/// </summary>
public sealed class SessionCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<GeminiWebOptions> _options;
    private readonly TimeProvider _time;

    public SessionCache(IOptionsMonitor<GeminiWebOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public int Count => _entries.Count;

    public bool TryGet(string fingerprint, out GeminiSession session)
    {
        session = null!;
        var options = _options.CurrentValue.SessionCache;
        if (!options.Enabled || !_entries.TryGetValue(fingerprint, out var entry))
        {
            return false;
        }

        if (entry.ExpiresAt <= _time.GetUtcNow())
        {
            _entries.TryRemove(KeyValuePair.Create(fingerprint, entry));
            return false;
        }

        session = entry.Session with { FromCache = true };
        return true;
    }

    public void Set(string fingerprint, GeminiSession session)
    {
        var options = _options.CurrentValue.SessionCache;
        if (!options.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_entries.Count >= options.MaxEntries)
        {
            Evict(now);
        }

        _entries[fingerprint] = new Entry(session, now + options.Lifetime);
    }

    public void Invalidate(string fingerprint) => _entries.TryRemove(fingerprint, out _);

    /// <summary>Drops expired entries, and everything when still full: rare, and a miss only costs a page fetch.</summary>
    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= _options.CurrentValue.SessionCache.MaxEntries)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(GeminiSession Session, DateTimeOffset ExpiresAt);
}
