using System.Collections.Concurrent;

namespace Gateway.Policies.BruteForce;

/// <summary>Failures within a window and the block they lead to, per key (in memory, per replica, bounded).</summary>
internal sealed class FailureCounter
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool IsEmpty => _entries.IsEmpty;

    /// <summary>The failures counted in the current window, or the time left of a block.</summary>
    public (int Failures, TimeSpan? BlockedFor) Read(string key, DateTimeOffset now, TimeSpan window)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return (0, null);
        }

        lock (entry)
        {
            var left = entry.BlockedUntil - now;
            if (left > TimeSpan.Zero)
            {
                return (entry.Failures, left);
            }

            return (now - entry.WindowStart > window ? 0 : entry.Failures, null);
        }
    }

    /// <summary>Counts one failure; true when this one started a block.</summary>
    public bool Record(string key, DateTimeOffset now, BruteForceOptions options)
    {
        if (_entries.Count > PruneAbove)
        {
            Prune(now, options.Window);
        }

        var entry = _entries.GetOrAdd(key, static (_, start) => new Entry { WindowStart = start }, now);
        lock (entry)
        {
            if (entry.BlockedUntil > now)
            {
                return false;
            }

            if (now - entry.WindowStart > options.Window)
            {
                entry.WindowStart = now;
                entry.Failures = 0;
            }

            entry.Failures++;
            if (entry.Failures < options.MaxFailures)
            {
                return false;
            }

            entry.BlockedUntil = now + options.BlockFor;
            entry.Failures = 0;
            entry.WindowStart = entry.BlockedUntil;
            return true;
        }
    }

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.BlockedUntil <= now && now - entry.WindowStart > window)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
