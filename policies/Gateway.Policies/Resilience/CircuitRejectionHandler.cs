using BridgeEngine.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Gateway.Policies.Resilience;

/// <summary>
/// Outermost handler of the GeminiWeb client: turns Polly's "circuit open" into the gateway's error. A circuit
/// opened by blocks answers TEMPORARILY_BLOCKED (429), any other API_ERROR (502), both with Retry-After set to
/// the rest of the break. An idempotent request whose every attempt ran out of the attempt timeout is TIMEOUT.
/// The engine lets a <see cref="BridgeException"/> through unchanged.
/// </summary>
public sealed class CircuitRejectionHandler : DelegatingHandler
{
    private readonly UpstreamCircuitState _circuits;

    public CircuitRejectionHandler(UpstreamCircuitState circuits)
    {
        _circuits = circuits;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            var authority = GeminiWebResilience.PipelineKey(request);
            var blocked = _circuits.Find(authority)?.LastOpenReason == UpstreamFailureKind.Blocked;
            var retryAfter = ex.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : (TimeSpan?)null;
            throw blocked
                ? new BridgeException(BridgeErrorCode.TemporarilyBlocked, "Google recently flagged the gateway's network address repeatedly; the gateway is not calling Gemini until the circuit closes.", retryAfter, ex)
                : new BridgeException(BridgeErrorCode.ApiError, "Gemini failed repeatedly; the gateway is not calling it for a short while (circuit open). Try again shortly.", retryAfter, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new BridgeException(BridgeErrorCode.Timeout, "Gemini did not answer within the attempt timeout (Resilience:GeminiWeb:AttemptTimeout).", null, ex);
        }
    }
}
