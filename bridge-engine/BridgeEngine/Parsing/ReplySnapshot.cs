namespace BridgeEngine.Parsing;

/// <summary>What one decoded StreamGenerate payload says (protocol §5.3). Any part may be missing.</summary>
internal sealed record ReplySnapshot(string? ConversationId, string? ResponseId, string? Context, CandidateSnapshot? Candidate);
