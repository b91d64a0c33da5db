namespace BridgeEngine.Contracts;

/// <summary>An image in an answer: a web search result or one Gemini generated (protocol §5.3, §13).</summary>
public sealed record ChatImage(ChatImageKind Kind, string Url, string? Alt, string? Title);
