namespace GeminiSimulator.Generate;

/// <summary>The effective misbehaviour of one StreamGenerate: a queued fault merged over prompt directives.</summary>
internal sealed class GeneratePlan
{
    public TimeSpan FirstFrameDelay { get; init; }

    public TimeSpan InterFrameDelay { get; init; }

    public int? ErrorCode { get; init; }

    public int ErrorAfterFrames { get; init; }

    public int? HttpStatus { get; init; }

    public bool BlockPage { get; init; }

    public int? DropAfterFrames { get; init; }

    public int? StallAfterFrames { get; init; }

    public bool MalformedFrame { get; init; }

    public bool TruncatedStream { get; init; }

    public bool MissingXssiPrefix { get; init; }

    public int FrameCount { get; init; }

    public bool ErrorAfterMetadata { get; init; }

    public bool IncompleteWithContext { get; init; }

    public int HiddenReads { get; init; }

    public int QueueFrames { get; init; }

    public FramingVariant Framing { get; init; }

    public Func<int, CancellationToken, Task>? BeforeFrame { get; init; }

    public TaskCompletionSource<GenerateOutcome>? Finished { get; init; }

    /// <summary>Queued fault values win; directive values fill what the fault leaves unset.</summary>
    public static GeneratePlan Merge(GenerateFault? queued, GenerateFault? directive, int? directiveFrames, SimulatorOptions options)
    {
        var q = queued ?? new GenerateFault();
        var d = directive ?? new GenerateFault();
        return new GeneratePlan
        {
            FirstFrameDelay = q.FirstFrameDelay > TimeSpan.Zero ? q.FirstFrameDelay : d.FirstFrameDelay,
            InterFrameDelay = q.InterFrameDelay ?? d.InterFrameDelay ?? options.DefaultInterFrameDelay,
            ErrorCode = q.ErrorCode ?? d.ErrorCode,
            ErrorAfterFrames = q.ErrorCode is not null ? q.ErrorAfterFrames : d.ErrorAfterFrames,
            HttpStatus = q.HttpStatus ?? d.HttpStatus,
            BlockPage = q.BlockPage || d.BlockPage,
            DropAfterFrames = q.DropAfterFrames ?? d.DropAfterFrames,
            StallAfterFrames = q.StallAfterFrames ?? d.StallAfterFrames,
            MalformedFrame = q.MalformedFrame || d.MalformedFrame,
            TruncatedStream = q.TruncatedStream || d.TruncatedStream,
            MissingXssiPrefix = q.MissingXssiPrefix || d.MissingXssiPrefix,
            FrameCount = Math.Clamp(directiveFrames ?? options.DefaultFrameCount, 1, 1000),
            ErrorAfterMetadata = q.ErrorAfterMetadata,
            IncompleteWithContext = q.IncompleteWithContext,
            HiddenReads = q.HiddenReads,
            QueueFrames = q.QueueFrames,
            Framing = q.Framing,
            BeforeFrame = q.BeforeFrame,
            Finished = q.Finished,
        };
    }
}
