namespace BridgeEngine.Features.Models;

/// <summary>
/// What a model can do, as far as the bridge can tell. The otAQ7b probe does not say it (protocol §9.3): thinking
/// comes from the known-id table and the display name; images is a best guess (every known model except Lite).
/// </summary>
public sealed record ModelCapabilities(bool Thinking, bool Images);
