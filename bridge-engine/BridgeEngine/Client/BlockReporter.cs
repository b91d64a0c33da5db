using BridgeEngine.Errors;
using BridgeEngine.Contracts;

namespace BridgeEngine.Client;

/// <summary>
/// Where a TEMPORARILY_BLOCKED leaves the engine: reports it once to the <see cref="IUpstreamBlockSink"/> and
/// gives it the Retry-After of the pause that follows (protocol §15.1).
/// </summary>
public sealed class BlockReporter
{
    private readonly IUpstreamBlockSink _sink;
    private readonly CredentialFingerprint _fingerprint;
    private readonly GeminiTransport _transport;

    public BlockReporter(IUpstreamBlockSink sink, CredentialFingerprint fingerprint, GeminiTransport transport)
    {
        _sink = sink;
        _fingerprint = fingerprint;
        _transport = transport;
    }

    /// <summary>Returns the exception to throw: the same one, or a copy carrying the pause as Retry-After.</summary>
    public Exception Observe(Exception exception, UpstreamCall call)
    {
        if (exception is not BridgeException { Code: BridgeErrorCode.TemporarilyBlocked, BlockScope: BlockScope.Identity or BlockScope.Egress } blocked
            || call.BlockReported)
        {
            return exception;
        }

        call.BlockReported = true;
        var egress = _transport.AppBase(call).GetLeftPart(UriPartial.Authority);
        var pause = _sink.Report(new UpstreamBlockReport(blocked.BlockScope, egress, call.AccountKey(_fingerprint), blocked.UpstreamCode));
        if (pause is not { } wait || blocked.RetryAfter == wait)
        {
            return exception;
        }

        return new BridgeException(blocked.Code, blocked.Message, wait, blocked)
        {
            UpstreamCode = blocked.UpstreamCode,
            BlockScope = blocked.BlockScope,
        };
    }
}
