namespace BridgeEngine.Contracts;

/// <summary>An image in an answer: a web search result or one Gemini generated (protocol §5.3, §13).</summary>
public sealed record ChatImage(ChatImageKind Kind, string Url, string? Alt, string? Title)
{
    /// <summary>
    /// Generated images: the full-size URL (§13: from c8o8Fe, else the <c>=s2048-rj</c> form of <see cref="Url"/>).
    /// Downloading needs the session cookies; the gateway's image route fetches it with the caller's.
    /// </summary>
    public string? FullSizeUrl { get; init; }
}
