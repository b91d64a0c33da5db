namespace BridgeEngine.Features.Research;

/// <summary>
/// The plan the web app proposes (§12 step 3, Unsure: the object under key "57" or "56"): title, steps, ETA text,
/// the prompt that confirms it (default "Start research") and the one that asks to modify it.
/// </summary>
public sealed record ResearchPlan(
    string? Title,
    string? Query,
    IReadOnlyList<ResearchStep> Steps,
    string? Eta,
    string ConfirmPrompt,
    string? ModifyPrompt);
