using BridgeEngine.Contracts;

namespace BridgeEngine.Parsing;

/// <summary>One candidate of one StreamGenerate frame: the whole answer so far, not a delta (protocol §5.4).</summary>
public sealed record CandidateSnapshot(
    string ChoiceId,
    string RawText,
    string? RawThoughts,
    bool IsComplete,
    IReadOnlyList<ChatImage> Images,
    IReadOnlyList<Citation> Citations);
