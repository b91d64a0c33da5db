using Gateway.Policies.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Gateway.Policies.Resilience;

/// <summary>
/// The circuits of the GeminiWeb client, one per upstream authority, for readiness, metrics and the
/// fail-fast answer. Filled by the pipeline as each authority's pipeline is built (and rebuilt on reload).
/// </summary>
public sealed partial class UpstreamCircuitState
{
    private readonly ConcurrentDictionary<string, UpstreamCircuit> _circuits = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly ILogger<UpstreamCircuitState> _logger;

    public UpstreamCircuitState(TimeProvider time, ILogger<UpstreamCircuitState> logger)
    {
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<UpstreamCircuit> All => _circuits.Values.ToArray();

    public UpstreamCircuit? Find(string authority) => _circuits.TryGetValue(authority, out var circuit) ? circuit : null;

    internal void Track(string authority, CircuitBreakerStateProvider provider) =>
        _circuits.AddOrUpdate(authority, a => new UpstreamCircuit(a, provider), (_, existing) =>
        {
            existing.StateProvider = provider;
            return existing;
        });

    internal void Opened(string authority, UpstreamFailureKind reason, TimeSpan breakDuration)
    {
        if (_circuits.TryGetValue(authority, out var circuit))
        {
            circuit.LastOpenReason = reason;
            circuit.OpenUntil = _time.GetUtcNow() + breakDuration;
        }

        Log.Opened(_logger, authority, reason.ToString(), breakDuration.TotalSeconds);
    }

    internal void Closed(string authority)
    {
        if (_circuits.TryGetValue(authority, out var circuit))
        {
            circuit.OpenUntil = null;
        }

        Log.Closed(_logger, authority);
    }

    /// <summary>0 closed, 1 half-open (probing), 2 open or isolated: the value of the state gauge.</summary>
    public static int Numeric(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.UpstreamCircuitStateOpened, LogLevel.Warning, "Upstream circuit for {Authority} opened after repeated {Reason} failures; calls answer at once for {BreakSeconds} s")]
        public static partial void Opened(ILogger logger, string authority, string reason, double breakSeconds);

        [LoggerMessage(LogEventIds.UpstreamCircuitStateClosed, LogLevel.Information, "Upstream circuit for {Authority} closed again")]
        public static partial void Closed(ILogger logger, string authority);
    }
}
