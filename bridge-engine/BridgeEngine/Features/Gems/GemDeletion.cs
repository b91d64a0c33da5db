namespace BridgeEngine.Features.Gems;

/// <summary>The answer of <c>DELETE /api/gems/{id}</c>.</summary>
public sealed record GemDeletion(string Id, bool Deleted);
