namespace GeminiSimulator.Generate;

/// <summary>
/// The effective misbehaviour of one StreamGenerate: a queued fault merged over prompt directives (the merged
/// <see cref="Fault"/>), with the pacing and frame count resolved against the simulator's defaults.
/// </summary>
internal sealed class GeneratePlan
{
    private GeneratePlan(GenerateFault fault, TimeSpan interFrameDelay, int frameCount)
    {
        Fault = fault;
        InterFrameDelay = interFrameDelay;
        FrameCount = frameCount;
    }

    public GenerateFault Fault { get; }

    public TimeSpan InterFrameDelay { get; }

    public int FrameCount { get; }

    /// <summary>Queued fault values win; directive values fill what the fault leaves unset.</summary>
    public static GeneratePlan Merge(GenerateFault? queued, GenerateFault? directive, int? directiveFrames, SimulatorOptions options)
    {
        var q = queued ?? new GenerateFault();
        var d = directive ?? new GenerateFault();
        var fault = new GenerateFault
        {
            FirstFrameDelay = q.FirstFrameDelay > TimeSpan.Zero ? q.FirstFrameDelay : d.FirstFrameDelay,
            ErrorCode = q.ErrorCode ?? d.ErrorCode,
            ErrorAfterFrames = q.ErrorCode is not null ? q.ErrorAfterFrames : d.ErrorAfterFrames,
            HttpStatus = q.HttpStatus ?? d.HttpStatus,
            BlockPage = q.BlockPage || d.BlockPage,
            DropAfterFrames = q.DropAfterFrames ?? d.DropAfterFrames,
            StallAfterFrames = q.StallAfterFrames ?? d.StallAfterFrames,
            MalformedFrame = q.MalformedFrame || d.MalformedFrame,
            TruncatedStream = q.TruncatedStream || d.TruncatedStream,
            MissingXssiPrefix = q.MissingXssiPrefix || d.MissingXssiPrefix,
            ErrorAfterMetadata = q.ErrorAfterMetadata,
            IncompleteWithContext = q.IncompleteWithContext,
            HiddenReads = q.HiddenReads,
            QueueFrames = q.QueueFrames,
            Framing = q.Framing,
            BeforeFrame = q.BeforeFrame,
            Finished = q.Finished,
        };
        return new GeneratePlan(fault, q.InterFrameDelay ?? d.InterFrameDelay ?? options.DefaultInterFrameDelay, Math.Clamp(directiveFrames ?? options.DefaultFrameCount, 1, 1000));
    }
}
