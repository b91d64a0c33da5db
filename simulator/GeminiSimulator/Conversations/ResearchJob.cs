namespace GeminiSimulator.Conversations;

/// <summary>A deep research started by a slot-49 generate (§12).</summary>
internal sealed class ResearchJob
{
    public required string Id { get; init; }

    public required string Cid { get; init; }

    public required string Title { get; init; }

    public required string Query { get; init; }

    public ResearchState State { get; set; }

    /// <summary>Status polls answered "running" so far.</summary>
    public int Polls { get; set; }

    /// <summary>The "started" turn whose candidate becomes the report.</summary>
    public Turn? StartedTurn { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
