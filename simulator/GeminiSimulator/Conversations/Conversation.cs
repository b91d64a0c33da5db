namespace GeminiSimulator.Conversations;

/// <summary>An in-memory chat (§5.5): model fixed per cid, turns oldest first.</summary>
internal sealed class Conversation
{
    private readonly List<Turn> _turns = [];

    public required string Cid { get; init; }

    public required string OwnerHash { get; init; }

    public required string ModelId { get; init; }

    public required string Title { get; init; }

    public required bool Temporary { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? ContextToken { get; set; }

    public int TurnCount
    {
        get
        {
            lock (_turns)
            {
                return _turns.Count;
            }
        }
    }

    public void Add(Turn turn)
    {
        lock (_turns)
        {
            _turns.Add(turn);
        }
    }

    /// <summary>Turns newest first (§11.2).</summary>
    public IReadOnlyList<Turn> NewestFirst()
    {
        lock (_turns)
        {
            var copy = _turns.ToList();
            copy.Reverse();
            return copy;
        }
    }
}
