namespace BridgeEngine.Contracts;

/// <summary>A source cited by an answer. Only deep-research reports carry them (protocol §5.3 "Citations").</summary>
public sealed record Citation(string Url, string? Title, int? Number);
