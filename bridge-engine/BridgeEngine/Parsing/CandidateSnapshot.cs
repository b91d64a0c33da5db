using BridgeEngine.Contracts;

namespace BridgeEngine.Parsing;

/// <summary>One candidate of one StreamGenerate frame: the whole answer so far, not a delta (protocol §5.4).</summary>
public sealed record CandidateSnapshot(
    string ChoiceId,
    string RawText,
    string? RawThoughts,
    int? Status,
    IReadOnlyList<ChatImage> Images,
    IReadOnlyList<Citation> Citations)
{
    /// <summary>§5.3: c[8][0] == 2 marks the final snapshot.</summary>
    public bool IsComplete => Status == GeminiReplyPaths.StatusComplete;
}
