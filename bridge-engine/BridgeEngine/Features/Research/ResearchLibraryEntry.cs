namespace BridgeEngine.Features.Research;

/// <summary>One completed report of the jGArJ library ([LEE] only, low confidence).</summary>
internal sealed record ResearchLibraryEntry(string ConversationId, string? ResponseId, string? ChoiceId, string? Title, string? Snippet, DateTimeOffset? CreatedAt);
