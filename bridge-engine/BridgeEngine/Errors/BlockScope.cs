namespace BridgeEngine.Errors;

/// <summary>
/// Who a TEMPORARILY_BLOCKED answer is about (protocol §15.1), so the gateway pauses only what was refused.
/// </summary>
public enum BlockScope
{
    /// <summary>Not a block, or one that must pause nothing (a RotateCookies 429 only skips that rotation, §4).</summary>
    None,

    /// <summary>One cookie identity (stream error 1060): paused first; the egress only when several identities are refused.</summary>
    Identity,

    /// <summary>The egress IP: the /sorry/ block page, "unusual traffic" HTML, HTTP 429 from gemini.google.com.</summary>
    Egress,

    /// <summary>otAQ7b 1060/1014: the egress's region is refused. A cool-down does not cure it, so nothing is paused.</summary>
    Region,
}
