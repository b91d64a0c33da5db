namespace BridgeEngine.Features.Research;

/// <summary>One step of a research plan (§12: step <c>[?, label, body]</c>).</summary>
public sealed record ResearchStep(string? Label, string? Body);
