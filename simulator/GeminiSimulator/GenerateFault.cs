namespace GeminiSimulator;

/// <summary>A one-shot misbehaviour of the next StreamGenerate of an account (§5.4, §15, §16.7).</summary>
public sealed class GenerateFault
{
    /// <summary>Delay before the response headers and first frame.</summary>
    public TimeSpan FirstFrameDelay { get; init; }

    /// <summary>Delay between snapshot frames (overrides the default).</summary>
    public TimeSpan? InterFrameDelay { get; init; }

    /// <summary>BardErrorInfo number sent at envelope[5][2][0][1][0].</summary>
    public int? ErrorCode { get; init; }

    /// <summary>0 = the error is the only payload; N = after N text snapshots (after the complete answer when N ≥ frame count).</summary>
    public int ErrorAfterFrames { get; init; }

    /// <summary>Answer this HTTP status with a small HTML/text body instead.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>302 to /sorry/index (which answers 429 "unusual traffic").</summary>
    public bool BlockPage { get; init; }

    /// <summary>Abort the connection after N snapshot frames (the metadata frame is not counted).</summary>
    public int? DropAfterFrames { get; init; }

    /// <summary>Stop after N snapshot frames and wait until the client goes away.</summary>
    public int? StallAfterFrames { get; init; }

    /// <summary>Send one frame whose JSON is broken, then end.</summary>
    public bool MalformedFrame { get; init; }

    /// <summary>End cleanly without the final c[8]=[2] snapshot and without inner[25].</summary>
    public bool TruncatedStream { get; init; }

    /// <summary>Omit the <c>)]}'</c> prefix.</summary>
    public bool MissingXssiPrefix { get; init; }

    /// <summary>§5.4.2: the error envelope comes right after the metadata frame (cid known), before any text: a resend is unsafe.</summary>
    public bool ErrorAfterMetadata { get; init; }

    /// <summary>
    /// §16.8: the stream ends after in-progress snapshots and a frame carrying inner[25] but no c[8]=[2]; the turn is
    /// saved, and hNvQHb shows the previous state for <see cref="HiddenReads"/> reads before the finished turn.
    /// </summary>
    public bool IncompleteWithContext { get; init; }

    /// <summary>hNvQHb reads that do not yet show the saved turn (with <see cref="IncompleteWithContext"/>).</summary>
    public int HiddenReads { get; init; }

    /// <summary>§5.4.1: payload-less "queueing" envelopes ([5]=[2]) before the answer.</summary>
    public int QueueFrames { get; init; }

    /// <summary>§2.4.1: how the body is framed (the real form by default).</summary>
    public FramingVariant Framing { get; init; }

    /// <summary>Awaited before writing snapshot frame N (0-based); a test gate.</summary>
    public Func<int, CancellationToken, Task>? BeforeFrame { get; init; }

    /// <summary>Completed when the handler ends.</summary>
    public TaskCompletionSource<GenerateOutcome>? Finished { get; init; }
}
