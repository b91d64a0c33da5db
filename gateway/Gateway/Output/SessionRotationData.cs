namespace Gateway.Output;

/// <summary>The answer of POST /api/session/rotate.</summary>
internal sealed record SessionRotationData(bool Rotated, string? Psidts);
