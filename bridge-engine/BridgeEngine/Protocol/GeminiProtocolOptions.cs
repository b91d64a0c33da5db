namespace BridgeEngine.Protocol;

/// <summary>
/// Section <c>GeminiWeb:Protocol</c>: switches between the request forms the sources disagree on. The defaults
/// follow the protocol document's recommendations; the alternatives exist so an operator can follow Google
/// when it changes, without a release.
/// </summary>
public sealed class GeminiProtocolOptions
{
    /// <summary>§9.1: [GWA]'s 12-element model header (the only form with a published capacity rule) by default.</summary>
    public ModelHeaderForm ModelHeader { get; set; } = ModelHeaderForm.Twelve;

    /// <summary>§5.2.1: [GWA]'s 69-slot layout by default; [LEE]'s 81 slots (slot 79 = model number) behind this switch.</summary>
    public PayloadLayout Payload { get; set; } = PayloadLayout.Gwa69;

    /// <summary>§3: <c>GET www.google.com</c> with an empty jar before the app page; what it sets joins the request's jar. Failures are ignored.</summary>
    public bool Preflight { get; set; } = true;

    /// <summary>§6.4: the one-key <c>ESY5D</c> call before each StreamGenerate and recovery poll, never fatal.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>§13: ask <c>c8o8Fe</c> for the full-size URL of each generated image (falls back to <c>=s2048-rj</c>).</summary>
    public bool FullSizeImages { get; set; } = true;
}

/// <summary>§9.1 model header forms.</summary>
public enum ModelHeaderForm
{
    /// <summary>[GWA] / [PR] #310: <c>[1,null,null,null,id,null,null,0,[4],null,null,capacity]</c> with <c>73010990: [0]</c>.</summary>
    Twelve,

    /// <summary>[LEE] / [NOTE-A]: 17 elements with model number, thinking level and a session UUID, <c>73010990: [0,0,0]</c>.</summary>
    Seventeen,
}

/// <summary>§5.2 / §5.2.1 payload layouts.</summary>
public enum PayloadLayout
{
    /// <summary>[GWA] (2026-04): 69 slots, no 79/80, slot 17 <c>[[0]]</c>.</summary>
    Gwa69,

    /// <summary>
    /// [LEE] / [NOTE-A]: 81 slots, [79] = model number (otAQ7b), [80] = 1, or 2 for extended thinking. Slot 17 stays
    /// <c>[[0]]</c> (the document's gateway rule, §5.2) although [LEE] sends <c>[[1]]</c> on a continuation.
    /// </summary>
    Lee81,
}
