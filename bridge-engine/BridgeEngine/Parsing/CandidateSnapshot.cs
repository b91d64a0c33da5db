using BridgeEngine.Contracts;

namespace BridgeEngine.Parsing;

/// <summary>One candidate of one StreamGenerate frame: the whole answer so far, not a delta (protocol §5.4).</summary>
internal sealed record CandidateSnapshot(
    string ChoiceId,
    string RawText,
    string? RawThoughts,
    int? Status,
    IReadOnlyList<ChatImage> Images,
    IReadOnlyList<Citation> Citations)
{
    /// <summary>Generated videos and music (§5.3).</summary>
    public IReadOnlyList<ChatMedia> Media { get; init; } = [];

    /// <summary>§5.3: generated image URL → its id (item [1][0]), which c8o8Fe takes (§13).</summary>
    public IReadOnlyDictionary<string, string> ImageIds { get; init; } = new Dictionary<string, string>();

    /// <summary>§5.3/§11.2: c[12][6][0] non-null while the candidate is still generating or searching.</summary>
    public bool Busy { get; init; }

    /// <summary>§5.3: c[8][0] == 2 marks the final snapshot.</summary>
    public bool IsComplete => Status == GeminiReplyPaths.StatusComplete;
}
