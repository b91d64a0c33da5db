using GeminiSimulator.Accounts;
using GeminiSimulator.Conversations;

namespace GeminiSimulator.Generate;

/// <summary>The resolved facts of one generate, or the BardErrorInfo number that rejects it.</summary>
internal sealed class TurnContext
{
    public int? ErrorCode { get; init; }

    public SimulatedModel? Model { get; init; }

    public Conversation? Conversation { get; init; }

    public CustomGem? Gem { get; init; }

    public IReadOnlyList<UploadedFile> Files { get; init; } = [];

    public ResearchJob? PendingResearch { get; init; }

    public static TurnContext Error(int code) => new() { ErrorCode = code };
}
