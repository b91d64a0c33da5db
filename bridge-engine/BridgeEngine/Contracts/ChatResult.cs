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

    /// <summary>Generated videos and music (protocol §5.3), once each.</summary>
    public IReadOnlyList<ChatMedia> Media { get; init; } = [];

    /// <summary>
    /// The model that answered, when known (friendly name or id). On a silent downgrade (<see cref="Downgraded"/>)
    /// this is the model the answer came from, not the one asked for.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>The model the caller asked for (friendly name or id); null for the account's default.</summary>
    public string? RequestedModel { get; init; }

    /// <summary>
    /// True when Google answered with another model than the one asked for, without saying so (protocol §9.1,
    /// §15 row 17a; detected from the answer, e.g. no thoughts from a thinking model).
    /// </summary>
    public bool Downgraded { get; init; }
}
