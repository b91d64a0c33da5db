using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Gateway.Policies.Resilience;

/// <summary>
/// Readiness as the GeminiWeb circuits see it, from their state only (never a call to Google). An open circuit
/// is Degraded, not Unhealthy: the replica still serves everything else, and every replica shares the same
/// upstream, so taking them all out of rotation would only turn a Gemini outage into a gateway outage.
/// </summary>
public sealed class UpstreamCircuitHealthCheck : IHealthCheck
{
    private readonly UpstreamCircuitState _circuits;

    public UpstreamCircuitHealthCheck(UpstreamCircuitState circuits)
    {
        _circuits = circuits;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var open = 0;
        foreach (var circuit in _circuits.All)
        {
            var state = circuit.State;
            var text = state.ToString();
            if (state is CircuitState.Open or CircuitState.Isolated)
            {
                open++;
                text += $" ({circuit.LastOpenReason}" + (circuit.OpenUntil is { } until ? ", until " + until.ToString("O", CultureInfo.InvariantCulture) : string.Empty) + ")";
            }

            data["circuit:" + circuit.Authority] = text;
        }

        if (data.Count == 0)
        {
            data["circuits"] = "no upstream called yet";
        }

        return Task.FromResult(open > 0
            ? new HealthCheckResult(HealthStatus.Degraded, "upstream circuit open: calls to Gemini fail fast", data: data)
            : HealthCheckResult.Healthy("upstream circuits closed", data));
    }
}
