namespace BridgeEngine.Parsing;

/// <summary>What one body's framing looked like (protocol §2.4.1): for logs, tests and the "bad frame" rule.</summary>
internal sealed class FrameReadStats
{
    /// <summary>Frames read by their length line.</summary>
    public int ByLength { get; internal set; }

    /// <summary>Frames read line-wise (no length line, or the length did not fit).</summary>
    public int ByLines { get; internal set; }

    /// <summary>Frames that could not be read at all; skipped, never fatal by themselves.</summary>
    public int BadFrames { get; internal set; }

    public bool HadXssiPrefix { get; internal set; }
}
