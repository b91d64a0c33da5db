using BridgeEngine.Errors;
using Gateway.Policies.Outcome;

namespace Gateway.Output;

/// <summary>Policy refusals (API key, limits, blocks) answer with the same envelope as everything else.</summary>
public sealed class EnvelopePolicyRejectionWriter : IPolicyRejectionWriter
{
    private readonly EnvelopeWriter _writer;

    public EnvelopePolicyRejectionWriter(EnvelopeWriter writer)
    {
        _writer = writer;
    }

    public Task RejectAsync(HttpContext context, BridgeErrorCode code, string message, TimeSpan? retryAfter) =>
        _writer.WriteErrorAsync(context, code, message, retryAfter);
}
