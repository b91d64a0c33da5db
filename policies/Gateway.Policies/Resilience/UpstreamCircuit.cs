using Polly.CircuitBreaker;

namespace Gateway.Policies.Resilience;

/// <summary>One upstream authority's circuit: its live state and why it last opened.</summary>
public sealed class UpstreamCircuit
{
    internal UpstreamCircuit(string authority, CircuitBreakerStateProvider state)
    {
        Authority = authority;
        StateProvider = state;
    }

    /// <summary>Scheme, host and port, e.g. <c>https://gemini.google.com</c>.</summary>
    public string Authority { get; }

    public CircuitState State => StateProvider.CircuitState;

    /// <summary>What opened the circuit last: blocks answer TEMPORARILY_BLOCKED while open, the rest API_ERROR.</summary>
    public UpstreamFailureKind LastOpenReason { get; internal set; }

    /// <summary>When the circuit may let a probe call through again (while open).</summary>
    public DateTimeOffset? OpenUntil { get; internal set; }

    internal CircuitBreakerStateProvider StateProvider { get; set; }
}
