namespace BridgeEngine.Features.History;

/// <summary>One chat of the account's history (protocol §11.1 MaZiqc item).</summary>
public sealed record ConversationSummary(string Id, string? Title, bool Pinned, DateTimeOffset? UpdatedAt);
