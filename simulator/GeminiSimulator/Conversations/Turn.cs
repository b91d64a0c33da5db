namespace GeminiSimulator.Conversations;

/// <summary>One saved user/model exchange. The candidate is kept in the §5.3 positional layout.</summary>
internal sealed class Turn
{
    public required string Rid { get; init; }

    public required string Rcid { get; init; }

    public required string Prompt { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Replaced when a deep research report lands (§12).</summary>
    public required object?[] Candidate { get; set; }
}
