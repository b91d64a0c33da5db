namespace BridgeEngine.Contracts;

/// <summary>
/// One step of a streamed answer. The sequence is: any number of <see cref="TextDelta"/>,
/// <see cref="ThoughtDelta"/>, <see cref="ImageFound"/>, <see cref="MediaFound"/>, <see cref="CitationFound"/> and
/// <see cref="ConversationUpdated"/>, then exactly one <see cref="Completed"/>. Concatenating every
/// <see cref="TextDelta.Text"/> gives exactly <see cref="ChatResult.Text"/>.
/// </summary>
public abstract record ChatEvent
{
    public sealed record TextDelta(string Text) : ChatEvent;

    public sealed record ThoughtDelta(string Text) : ChatEvent;

    public sealed record ImageFound(ChatImage Image) : ChatEvent;

    /// <summary>A generated video or music file (protocol §5.3), once each.</summary>
    public sealed record MediaFound(ChatMedia Media) : ChatEvent;

    public sealed record CitationFound(Citation Citation) : ChatEvent;

    public sealed record ConversationUpdated(ConversationRef Conversation) : ChatEvent;

    public sealed record Completed(ChatResult Result) : ChatEvent;
}
