using Gateway.Policies.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.BruteForce;

/// <summary>Failure counts and blocks per client IP (per replica, in memory).</summary>
public sealed partial class BruteForceGuard
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<BruteForceOptions> _options;
    private readonly ILogger<BruteForceGuard> _logger;

    public BruteForceGuard(TimeProvider time, IOptionsMonitor<BruteForceOptions> options, ILogger<BruteForceGuard> logger)
    {
        _time = time;
        _options = options;
        _logger = logger;
    }

    public TimeSpan? BlockedFor(string ip)
    {
        if (!_entries.TryGetValue(ip, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var left = entry.BlockedUntil - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    public void RecordFailure(string ip)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled)
        {
            return;
        }

        if (_entries.Count > PruneAbove)
        {
            Prune();
        }

        var now = _time.GetUtcNow();
        var entry = _entries.GetOrAdd(ip, _ => new Entry { WindowStart = now });
        lock (entry)
        {
            if (now - entry.WindowStart > options.Window)
            {
                entry.WindowStart = now;
                entry.Failures = 0;
            }

            entry.Failures++;
            if (entry.Failures >= options.MaxFailures && entry.BlockedUntil <= now)
            {
                entry.BlockedUntil = now + options.BlockFor;
                entry.Failures = 0;
                Log.Blocked(_logger, ip, options.BlockFor.TotalSeconds);
            }
        }
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        var window = _options.CurrentValue.Window;
        foreach (var (ip, entry) in _entries)
        {
            if (entry.BlockedUntil <= now && now - entry.WindowStart > window)
            {
                _entries.TryRemove(ip, out _);
            }
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset BlockedUntil { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.BruteForceGuardBlocked, LogLevel.Warning, "Client {ClientIp} blocked for {BlockSeconds} s after repeated credential failures")]
        public static partial void Blocked(ILogger logger, string clientIp, double blockSeconds);
    }
}
