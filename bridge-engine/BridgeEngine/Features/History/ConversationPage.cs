namespace BridgeEngine.Features.History;

/// <summary>One page of history; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next one (null = last page).</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Conversations, string? NextCursor);
