using BridgeEngine.Errors;

namespace Gateway.Policies.Outcome;

/// <summary>Writes a policy's refusal in the gateway's answer format; the host provides it (policies do not know the envelope).</summary>
public interface IPolicyRejectionWriter
{
    Task RejectAsync(HttpContext context, BridgeErrorCode code, string message, TimeSpan? retryAfter);
}
