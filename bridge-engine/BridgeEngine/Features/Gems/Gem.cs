namespace BridgeEngine.Features.Gems;

/// <summary>A gem (protocol §10). <see cref="Instructions"/> is null where upstream hides it (system gems).</summary>
public sealed record Gem(string Id, GemKind Kind, string? Name, string? Description, string? Instructions);
