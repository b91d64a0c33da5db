namespace BridgeEngine.Features.History;

/// <summary>A conversation's turns, oldest first (upstream sends them newest first; the bridge reverses them).</summary>
public sealed record ConversationDetail(string Id, IReadOnlyList<ConversationTurn> Turns)
{
    public string Order { get; init; } = "oldest_first";
}
