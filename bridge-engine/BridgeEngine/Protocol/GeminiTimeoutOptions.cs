namespace BridgeEngine.Protocol;

/// <summary>Upstream time budgets. Exceeding any of them is the public TIMEOUT (504).</summary>
public sealed class GeminiTimeoutOptions
{
    /// <summary>Connect plus response headers of one upstream call.</summary>
    public TimeSpan Connect { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// No byte from upstream for this long ends the answer. [GWA]'s watchdog uses 120 s because thinking
    /// models can be silent for a long time before their first frame (protocol §5.4).
    /// </summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The whole chat turn, bootstrap included ([GWA] allows 450 s while thinking or queueing).</summary>
    public TimeSpan Total { get; set; } = TimeSpan.FromSeconds(450);
}
