using System.Collections.Concurrent;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Policies.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.UpstreamBlock;

/// <summary>
/// Pauses per egress (the upstream origin a route's cluster picked) and per cookie identity (the engine's keyed hash),
/// fed by the engine's block reports (protocol §15.1). A pause that ran out lets exactly one trial call through;
/// its outcome lifts the pause or doubles it. Egress pauses show in readiness and metrics.
/// </summary>
public sealed partial class UpstreamBlockState : IUpstreamBlockSink
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Pause> _pauses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _refusedIdentities = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<UpstreamBlockOptions> _options;
    private readonly ILogger<UpstreamBlockState> _logger;

    public UpstreamBlockState(TimeProvider time, IOptionsMonitor<UpstreamBlockOptions> options, ILogger<UpstreamBlockState> logger)
    {
        _time = time;
        _options = options;
        _logger = logger;
    }

    public static string EgressKey(string egress) =>
        "egress:" + (Uri.TryCreate(egress, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : egress);

    public static string IdentityKey(string account) => "identity:" + account;

    /// <summary>The time left in this egress's pause, if any (ignores trials).</summary>
    public TimeSpan? Remaining(string egress) =>
        _pauses.TryGetValue(EgressKey(egress), out var pause) && pause.Until - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : null;

    /// <summary>
    /// Before a request: refused while any of its scopes is paused (with the exact rest), or while another caller
    /// holds the one trial call of a pause that ran out; otherwise admitted, possibly as that trial.
    /// </summary>
    public Admission Admit(string egress, string? account)
    {
        var keys = account is null ? new[] { EgressKey(egress) } : [EgressKey(egress), IdentityKey(account)];
        var now = _time.GetUtcNow();
        var trials = new List<(string Key, Pause Pause)>();
        foreach (var key in keys)
        {
            if (!_pauses.TryGetValue(key, out var pause))
            {
                continue;
            }

            lock (pause)
            {
                var left = pause.Until - now;
                if (left > TimeSpan.Zero)
                {
                    Release(trials);
                    return Admission.Refused(key, left);
                }

                if (pause.TrialRunning)
                {
                    Release(trials);
                    return Admission.Refused(key, _options.CurrentValue.TrialRetryAfter);
                }

                pause.TrialRunning = true;
                trials.Add((key, pause));
            }
        }

        return new Admission(null, null, trials, Sequence(trials));
    }

    /// <summary>After an admitted request: a trial without a new block lifts its pause; one with a block keeps the longer pause.</summary>
    public void Settle(Admission admission)
    {
        foreach (var (key, pause) in admission.Trials)
        {
            lock (pause)
            {
                pause.TrialRunning = false;
                if (pause.Reports == admission.ReportsAtStart[key])
                {
                    _pauses.TryRemove(KeyValuePair.Create(key, pause));
                    Log.Lifted(_logger, Describe(key));
                }
            }
        }
    }

    /// <summary>The engine's report of one block; returns the pause now in force for the caller's Retry-After.</summary>
    public TimeSpan? Report(UpstreamBlockReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = _options.CurrentValue;
        if (options.CoolDown <= TimeSpan.Zero)
        {
            return null;
        }

        switch (report.Scope)
        {
            case BlockScope.Egress:
                return Extend(EgressKey(report.Egress), options.CoolDown, options);
            case BlockScope.Identity:
                var identity = Extend(IdentityKey(report.Account), options.IdentityCoolDown, options);
                if (RefusedIdentities(report.Egress, report.Account, options) >= options.IdentitiesForEgressPause)
                {
                    var egress = Extend(EgressKey(report.Egress), options.CoolDown, options);
                    return egress > identity ? egress : identity;
                }

                return identity;
            default:
                return null;
        }
    }

    /// <summary>Egresses pausing now, with the end time: for health and metrics.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Active()
    {
        var now = _time.GetUtcNow();
        return _pauses.Where(e => e.Key.StartsWith("egress:", StringComparison.Ordinal) && e.Value.Until > now)
            .ToDictionary(e => e.Key["egress:".Length..], e => e.Value.Until, StringComparer.Ordinal);
    }

    /// <summary>Cookie identities pausing now (count only: the keys are hashes nobody needs to see).</summary>
    public int ActiveIdentities() => _pauses.Count(e => e.Key.StartsWith("identity:", StringComparison.Ordinal) && e.Value.Until > _time.GetUtcNow());

    private TimeSpan Extend(string key, TimeSpan first, UpstreamBlockOptions options)
    {
        if (_pauses.Count >= MaxEntries)
        {
            foreach (var (k, p) in _pauses)
            {
                if (p.Until <= _time.GetUtcNow() && !p.TrialRunning)
                {
                    _pauses.TryRemove(KeyValuePair.Create(k, p));
                }
            }
        }

        var pause = _pauses.GetOrAdd(key, _ => new Pause());
        var now = _time.GetUtcNow();
        lock (pause)
        {
            // A report while paused (a call already in flight) does not stack; a block after the pause ran out doubles it.
            if (pause.Until > now)
            {
                pause.Reports++;
                return pause.Until - now;
            }

            var length = TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Min(pause.Level, 20)), Math.Max(options.MaxCoolDown.Ticks, first.Ticks)));
            pause.Level++;
            pause.Reports++;
            pause.Until = now + length;
            Log.Paused(_logger, Describe(key), length.TotalSeconds, pause.Level);
            return length;
        }
    }

    private int RefusedIdentities(string egress, string account, UpstreamBlockOptions options)
    {
        var now = _time.GetUtcNow();
        var seen = _refusedIdentities.GetOrAdd(EgressKey(egress), _ => new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        if (seen.Count >= MaxEntries)
        {
            seen.Clear();
        }

        seen[account] = now;
        foreach (var (key, at) in seen)
        {
            if (now - at > options.IdentityWindow)
            {
                seen.TryRemove(KeyValuePair.Create(key, at));
            }
        }

        return seen.Count;
    }

    private static Dictionary<string, int> Sequence(List<(string Key, Pause Pause)> trials) =>
        trials.ToDictionary(t => t.Key, t => t.Pause.Reports, StringComparer.Ordinal);

    private static void Release(List<(string Key, Pause Pause)> trials)
    {
        foreach (var (_, pause) in trials)
        {
            lock (pause)
            {
                pause.TrialRunning = false;
            }
        }
    }

    private static string Describe(string key) => key.StartsWith("identity:", StringComparison.Ordinal) ? "identity " + key[9..17] : key;

    /// <summary>What <see cref="Admit"/> decided; refused when <see cref="RetryAfter"/> is set.</summary>
    public sealed record Admission(string? RefusedKey, TimeSpan? RetryAfter, IReadOnlyList<(string Key, Pause Pause)> Trials, IReadOnlyDictionary<string, int> ReportsAtStart)
    {
        public static Admission Refused(string key, TimeSpan retryAfter) => new(key, retryAfter, [], new Dictionary<string, int>());

        public bool IsRefused => RetryAfter is not null;

        public bool RefusedIdentity => RefusedKey?.StartsWith("identity:", StringComparison.Ordinal) == true;
    }

    /// <summary>One pause: its end, how often it doubled, how many blocks were reported, and whether its trial call runs.</summary>
    public sealed class Pause
    {
        public DateTimeOffset Until { get; set; }

        public int Level { get; set; }

        public int Reports { get; set; }

        public bool TrialRunning { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.UpstreamBlockStateFlagged, LogLevel.Warning, "Google refused requests ({Scope}); no upstream calls for it for {CoolDownSeconds} s (pause {Level})")]
        public static partial void Paused(ILogger logger, string scope, double coolDownSeconds, int level);

        [LoggerMessage(LogEventIds.UpstreamBlockStateLifted, LogLevel.Information, "The trial call after the pause of {Scope} went through; the pause is lifted")]
        public static partial void Lifted(ILogger logger, string scope);
    }
}
