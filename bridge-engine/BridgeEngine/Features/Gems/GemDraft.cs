namespace BridgeEngine.Features.Gems;

/// <summary>A gem's editable record. Upstream update replaces the whole record (§10), so all three are always sent.</summary>
public sealed record GemDraft(string Name, string Description, string Instructions);
