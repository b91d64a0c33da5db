namespace BridgeEngine.Features.Research;

/// <summary>What a kwDCne poll says about one research (§12 step 5, Unsure).</summary>
public sealed record ResearchStatus(string ResearchId, ResearchState State, string ConversationId, string? Title, string? Query);
