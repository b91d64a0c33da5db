using BridgeEngine.Contracts;

namespace BridgeEngine.Features.Research;

/// <summary>
/// The answer of <c>GET /api/research/{id}</c>. <see cref="Report"/> and <see cref="Sources"/> are set once the
/// research completed (§12 step 6, [LEE]: report at candidate [30][0][4], citations at [30][0][5][0]["44"]).
/// </summary>
public sealed record ResearchReport
{
    public required string ResearchId { get; init; }

    public required ResearchState State { get; init; }

    public required string ConversationId { get; init; }

    public string? Title { get; init; }

    public string? Query { get; init; }

    public string? Report { get; init; }

    public IReadOnlyList<Citation> Sources { get; init; } = [];

    /// <summary>The turn that holds the report; continue the chat from it with this.</summary>
    public ConversationRef? Conversation { get; init; }
}
