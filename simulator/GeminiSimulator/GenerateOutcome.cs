namespace GeminiSimulator;

/// <summary>How a StreamGenerate handler ended.</summary>
public enum GenerateOutcome
{
    /// <summary>All frames and the trailer were written.</summary>
    Completed,

    /// <summary>The client went away (RequestAborted) before the end.</summary>
    ClientAborted,

    /// <summary>The simulator aborted the connection (<see cref="GenerateFault.DropAfterFrames"/>).</summary>
    Dropped,

    /// <summary>The simulator stalled until the client left (<see cref="GenerateFault.StallAfterFrames"/>).</summary>
    Stalled,

    /// <summary>An HTTP error, a block page, an error envelope, a malformed or truncated body.</summary>
    Errored,
}
