namespace GeminiSimulator.Conversations;

/// <summary>One saved user/model exchange. The candidate is kept in the §5.3 positional layout.</summary>
internal sealed class Turn
{
    public required string Rid { get; init; }

    public required string Rcid { get; init; }

    public required string Prompt { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>§16.8: hNvQHb reads left that do not list this turn yet (the server is still saving it).</summary>
    public int HiddenReads { get; set; }

    /// <summary>True (and one hidden read used up) while the turn is not listed yet.</summary>
    public bool ConsumeHiddenRead()
    {
        lock (this)
        {
            if (HiddenReads <= 0)
            {
                return false;
            }

            HiddenReads--;
            return true;
        }
    }

    /// <summary>Replaced when a deep research report lands (§12).</summary>
    public required object?[] Candidate { get; set; }
}
