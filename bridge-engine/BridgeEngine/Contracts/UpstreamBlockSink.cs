using BridgeEngine.Errors;

namespace BridgeEngine.Contracts;

/// <summary>One block answer from Google (protocol §15.1): what was refused, for whom, through which egress.</summary>
/// <param name="Scope">Identity (stream 1060) or Egress (block page, "unusual traffic", HTTP 429).</param>
/// <param name="Egress">Scheme, host and port of the Gemini app origin the call went to.</param>
/// <param name="Account">The keyed hash of the caller's cookie (never the cookie).</param>
public sealed record UpstreamBlockReport(BlockScope Scope, string Egress, string Account, int? UpstreamCode);

/// <summary>
/// Where the engine reports block answers; the gateway's block policy decides what to pause and for how long, and
/// returns that pause so the caller's Retry-After is the real one. The default pauses nothing.
/// </summary>
public interface IUpstreamBlockSink
{
    /// <summary>Returns how long the refused scope is paused now, or null when nothing is paused.</summary>
    TimeSpan? Report(UpstreamBlockReport report);
}

internal sealed class NoBlockSink : IUpstreamBlockSink
{
    public TimeSpan? Report(UpstreamBlockReport report) => null;
}
