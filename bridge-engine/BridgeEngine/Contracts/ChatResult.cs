namespace BridgeEngine.Contracts;

/// <summary>The complete, classified answer of one chat turn.</summary>
public sealed record ChatResult
{
    public required string Text { get; init; }

    public string? Thoughts { get; init; }

    public IReadOnlyList<ChatImage> Images { get; init; } = [];

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    /// <summary>Send this back as the request's conversation to continue from this turn.</summary>
    public required ConversationRef Conversation { get; init; }

    /// <summary>The model id that answered, when known.</summary>
    public string? Model { get; init; }
}
