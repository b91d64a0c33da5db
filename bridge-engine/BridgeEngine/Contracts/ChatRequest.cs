namespace BridgeEngine.Contracts;

/// <summary>A normalized chat request, already validated by the gateway.</summary>
public sealed record ChatRequest
{
    public required string Prompt { get; init; }

    /// <summary>A model id or a known alias; null means the account's default model.</summary>
    public string? Model { get; init; }

    /// <summary>Temporary chat: not saved to the account's history (protocol §5.6).</summary>
    public bool Temporary { get; init; }

    /// <summary>Ask thinking models for extended thinking (model header [15] = 2, protocol §9.1).</summary>
    public bool ExtendedThinking { get; init; }

    /// <summary>Gem id applied as system prompt (protocol §10).</summary>
    public string? Gem { get; init; }

    /// <summary>Continue this conversation; null starts a new one.</summary>
    public ConversationRef? Conversation { get; init; }

    /// <summary>Deep research turn (protocol §12 step 3: slots 3, 4, 49, 54, 55). Unsure; used by Features/Research only.</summary>
    public bool DeepResearch { get; init; }

    /// <summary>
    /// Run a media generator (video or music) for this turn. None (the default) never sets the media slots: without
    /// them the server describes the asset in text instead (§5.2.1).
    /// </summary>
    public MediaGeneration Media { get; init; }

    /// <summary>Files already uploaded (references from the upload endpoint).</summary>
    public IReadOnlyList<UploadedFile> Files { get; init; } = [];
}
