using GeminiSimulator.Accounts;

namespace GeminiSimulator.Answers;

/// <summary>What the composer needs to know about a turn; <see cref="RawPrompt"/> still holds the directives.</summary>
internal sealed record AnswerRequest(
    string Prompt,
    int TurnNumber,
    string? GemName,
    IReadOnlyList<UploadedFile> Files,
    bool Thinking,
    bool ExtendedThinking,
    AnswerKind Kind,
    int FrameCount,
    string? RawPrompt = null);
