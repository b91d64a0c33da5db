namespace BridgeEngine.Parsing;

/// <summary>
/// Every index path the bridge reads from Gemini web replies, in one place. These are the "last known"
/// values from ../shared/gemini-web-protocol.md; Google changes them without notice, so when a reply stops
/// parsing, this file (and <see cref="BridgeEngine.Protocol.GeneratePayloadBuilder"/> for requests) is where
/// to look. Each line names the section it relies on; "Unsure" marks the document's own doubts.
/// </summary>
public static class GeminiReplyPaths
{
    // §2.4 envelope status slot.
    public static ReadOnlySpan<int> ErrorNumber => [5, 2, 0, 1, 0];
    public static ReadOnlySpan<int> RejectCode => [5, 0];

    // §5.3 StreamGenerate inner reply.
    public static ReadOnlySpan<int> ConversationId => [1, 0];
    public static ReadOnlySpan<int> ResponseId => [1, 1];
    public static ReadOnlySpan<int> Candidates => [4];

    /// <summary>§5.3/§5.5: context token at inner[25]; [LEE] reads the sparse form inner[2]["26"], which is the same path.</summary>
    public static ReadOnlySpan<int> Context => [25];
    public static ReadOnlySpan<int> SparseContext => [2, 25];

    // §5.3 candidate c = inner[4][i].
    public static ReadOnlySpan<int> ChoiceId => [0];
    public static ReadOnlySpan<int> Text => [1, 0];
    public static ReadOnlySpan<int> CardReplacementText => [22, 0];

    /// <summary>§5.3: 2 = complete, 1 = in progress.</summary>
    public static ReadOnlySpan<int> CompletionStatus => [8, 0];
    public const int StatusComplete = 2;

    public static ReadOnlySpan<int> Thoughts => [37, 0, 0];
    public static ReadOnlySpan<int> WebImages => [12, 1];
    public static ReadOnlySpan<int> GeneratedImages => [12, 7, 0];

    /// <summary>§5.3: image-to-image edit results, same item shape as generated images ([GWA] 3c601c8).</summary>
    public static ReadOnlySpan<int> EditedImages => [12, 0, 7, 0];

    // Web image item (§5.3): [0][0][0] URL, [0][4] alt, [7][0] title (older [GWA]).
    public static ReadOnlySpan<int> WebImageUrl => [0, 0, 0];
    public static ReadOnlySpan<int> WebImageAlt => [0, 4];
    public static ReadOnlySpan<int> WebImageTitle => [7, 0];

    // Generated image item (§5.3): [0][3][3] URL, [0][3][2] alt.
    public static ReadOnlySpan<int> GeneratedImageUrl => [0, 3, 3];
    public static ReadOnlySpan<int> GeneratedImageAlt => [0, 3, 2];

    /// <summary>Unsure (§5.3, §12): deep-research report text and citation groups, [LEE] only.</summary>
    public static ReadOnlySpan<int> ResearchReport => [30, 0, 4];
    public static ReadOnlySpan<int> ResearchCitationGroups => [30, 0, 5, 0, 43];

    // §7 otAQ7b account status reply.
    public static ReadOnlySpan<int> AccountStatus => [14];
    public static ReadOnlySpan<int> AccountModels => [15];
    public const int AccountStatusWhenNull = 1000;

    // §9.3 model entry [15][i]: id [0], display name [1], description [2], model number [17] ([LEE]).
    public static ReadOnlySpan<int> ModelId => [0];
    public static ReadOnlySpan<int> ModelDisplayName => [1];
    public static ReadOnlySpan<int> ModelDescription => [2];
    public static ReadOnlySpan<int> ModelNumber => [17];
}
