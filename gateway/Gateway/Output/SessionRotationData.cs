namespace Gateway.Output;

/// <summary>The answer of POST /api/session/rotate.</summary>
public sealed record SessionRotationData(bool Rotated, string? Psidts);
