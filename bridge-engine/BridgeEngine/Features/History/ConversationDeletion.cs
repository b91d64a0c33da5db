namespace BridgeEngine.Features.History;

/// <summary>The answer of <c>DELETE /api/conversations/{id}</c>.</summary>
public sealed record ConversationDeletion(string Id, bool Deleted);
