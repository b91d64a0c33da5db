namespace BridgeEngine.Parsing;

/// <summary>
/// Turns growing snapshots into deltas (protocol §5.4). Only text that extends what was already sent is
/// emitted; a rewrite that is not a prefix extension emits nothing and resynchronizes on a later frame.
/// </summary>
internal sealed class SnapshotDeltaTracker
{
    public string Sent { get; private set; } = string.Empty;

    /// <summary>Returns the new text since the last call, or null when there is none to send safely.</summary>
    public string? Next(string cleaned)
    {
        if (cleaned.Length <= Sent.Length || !cleaned.StartsWith(Sent, StringComparison.Ordinal))
        {
            return null;
        }

        var delta = cleaned[Sent.Length..];
        Sent = cleaned;
        return delta;
    }
}
