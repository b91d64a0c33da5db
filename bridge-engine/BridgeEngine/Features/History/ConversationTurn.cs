using BridgeEngine.Contracts;

namespace BridgeEngine.Features.History;

/// <summary>
/// One stored turn: the caller's prompt and the model's output, classified as chat answers are (text, thoughts,
/// images, citations). <see cref="Conversation"/> continues the conversation from this turn when sent back as the
/// chat request's <c>conversation</c> (no context token: the read RPC does not return it, §5.5 [NOTE-A] says
/// follow-ups work without it).
/// </summary>
public sealed record ConversationTurn
{
    public required string ResponseId { get; init; }

    public string? ChoiceId { get; init; }

    public string? Prompt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public required string Text { get; init; }

    public string? Thoughts { get; init; }

    public IReadOnlyList<ChatImage> Images { get; init; } = [];

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public TurnStatus Status { get; init; }

    public required ConversationRef Conversation { get; init; }
}
