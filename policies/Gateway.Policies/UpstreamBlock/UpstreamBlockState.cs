using Gateway.Policies.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.UpstreamBlock;

/// <summary>Cool-down per egress (the upstream destination a route's cluster picked), shown in readiness.</summary>
public sealed partial class UpstreamBlockState
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<UpstreamBlockOptions> _options;
    private readonly ILogger<UpstreamBlockState> _logger;

    public UpstreamBlockState(TimeProvider time, IOptionsMonitor<UpstreamBlockOptions> options, ILogger<UpstreamBlockState> logger)
    {
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>The time left in this egress's cool-down, if any.</summary>
    public TimeSpan? Remaining(string egress)
    {
        if (!_until.TryGetValue(egress, out var until))
        {
            return null;
        }

        var left = until - _time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        _until.TryRemove(KeyValuePair.Create(egress, until));
        return null;
    }

    public void Flag(string egress)
    {
        var until = _time.GetUtcNow() + _options.CurrentValue.CoolDown;
        _until[egress] = until;
        Log.Flagged(_logger, egress, _options.CurrentValue.CoolDown.TotalSeconds);
    }

    /// <summary>Egresses cooling down now, with the end time: for health and metrics.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Active()
    {
        var now = _time.GetUtcNow();
        return _until.Where(e => e.Value > now).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.UpstreamBlockStateFlagged, LogLevel.Warning, "Google flagged egress {Egress}; no upstream calls through it for {CoolDownSeconds} s")]
        public static partial void Flagged(ILogger logger, string egress, double coolDownSeconds);
    }
}
