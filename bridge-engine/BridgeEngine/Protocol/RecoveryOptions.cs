namespace BridgeEngine.Protocol;

/// <summary>
/// Section <c>GeminiWeb:Recovery</c>: what the engine does when a StreamGenerate ends without its completion mark
/// (protocol §5.4.1, hNvQHb polls) or fails before anything happened (§5.4.2, resends). Everything happens inside
/// the turn's total budget.
/// </summary>
public sealed class RecoveryOptions
{
    /// <summary>§5.4.1 step 2: first hNvQHb poll after about 2 s.</summary>
    public TimeSpan FirstPoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>§5.4.1 step 2: later polls every 10 s ([GWA]).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>§5.4.1 step 3: a cid without a context token allows one or two polls at most.</summary>
    public int MaxPollsWithoutContext { get; set; } = 2;

    /// <summary>§5.4.2: at most two resends, and only while the server cannot have produced an answer. 0 turns them off.</summary>
    public int MaxResends { get; set; } = 2;

    /// <summary>§5.4.2: wait before the first resend ([GWA]: 5 s × attempt); the second waits twice as long.</summary>
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromSeconds(5);
}
