namespace BridgeEngine.Parsing;

/// <summary>
/// Every index path the bridge reads from Gemini web replies, in one place. These are the "last known"
/// values from ../shared/gemini-web-protocol.md; Google changes them without notice, so when a reply stops
/// parsing, this file (and <see cref="BridgeEngine.Protocol.GeneratePayloadBuilder"/> for requests) is where
/// to look. Each line names the section it relies on; "Unsure" marks the document's own doubts.
/// </summary>
internal static class GeminiReplyPaths
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

    // Generated image item (§5.3): [0][3][3] URL, [0][3][2] alt, [1][0] image id for c8o8Fe (§13).
    public static ReadOnlySpan<int> GeneratedImageUrl => [0, 3, 3];
    public static ReadOnlySpan<int> GeneratedImageAlt => [0, 3, 2];
    public static ReadOnlySpan<int> GeneratedImageId => [1, 0];

    /// <summary>§13: c8o8Fe reply body [0] = the full-size URL. Medium confidence ([GWA] only).</summary>
    public static ReadOnlySpan<int> FullSizeImageUrl => [0];

    /// <summary>
    /// §5.3: generated video <c>[thumbnailUrl, videoUrl]</c>. [PR] #309 reads c[12][8]["60"][0][0][0][0][7] (checked on
    /// real hNvQHb bodies), [GWA] master c[12][59][0][0][0][0][7]: #309's path first. Index 59 reads key "60" on an object.
    /// </summary>
    public static ReadOnlySpan<int> VideoPr309 => [12, 8, 59, 0, 0, 0, 0, 7];
    public static ReadOnlySpan<int> VideoMaster => [12, 59, 0, 0, 0, 0, 7];

    /// <summary>§5.3: generated music, [PR] #309 c[12][0]["87"], [GWA] master c[12][86]; then [0][1][7] mp3, [1][1][7] mp4, each [thumb, url].</summary>
    public static ReadOnlySpan<int> MusicPr309 => [12, 0, 86];
    public static ReadOnlySpan<int> MusicMaster => [12, 86];
    public static ReadOnlySpan<int> MusicMp3 => [0, 1, 7];
    public static ReadOnlySpan<int> MusicMp4 => [1, 1, 7];

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

    // §11.1 MaZiqc list reply: [null, nextCursor, [chat…]]; chat [0] cid, [1] title, [2] pinned (truthy), [5] [s, ns].
    public static ReadOnlySpan<int> ChatListCursor => [1];
    public static ReadOnlySpan<int> ChatListItems => [2];
    public static ReadOnlySpan<int> ChatItemId => [0];
    public static ReadOnlySpan<int> ChatItemTitle => [1];
    public static ReadOnlySpan<int> ChatItemPinned => [2];
    public static ReadOnlySpan<int> ChatItemUpdated => [5];

    // §11.2 hNvQHb read reply: [0] = turns newest first; turn [0] = [cid, rid], [2][0][0] prompt, [3][0] candidates, [4] [s, ns].
    public static ReadOnlySpan<int> ChatTurns => [0];
    public static ReadOnlySpan<int> TurnConversationId => [0, 0];
    public static ReadOnlySpan<int> TurnResponseId => [0, 1];
    public static ReadOnlySpan<int> TurnPrompt => [2, 0, 0];
    public static ReadOnlySpan<int> TurnCandidates => [3, 0];
    public static ReadOnlySpan<int> TurnTimestamp => [4];

    /// <summary>§11.2/§5.3: c[12][6][0] non-null while the turn is still working (searching, deep research).</summary>
    public static ReadOnlySpan<int> CandidateBusy => [12, 6, 0];

    // §10 CNgdBe list reply: [2] = gems; gem [0] id, [1][0] name, [1][1] description, [2][0] prompt (null for system gems).
    public static ReadOnlySpan<int> GemList => [2];
    public static ReadOnlySpan<int> GemId => [0];
    public static ReadOnlySpan<int> GemName => [1, 0];
    public static ReadOnlySpan<int> GemDescription => [1, 1];
    public static ReadOnlySpan<int> GemInstructions => [2, 0];

    /// <summary>§10 oMH3Zd create reply: [0] = new gem id. Medium confidence ([GWA] only).</summary>
    public static ReadOnlySpan<int> CreatedGemId => [0];

    // §7 otAQ7b tier and capability flags (§9.3 derives the capacity tier from them).
    public static ReadOnlySpan<int> AccountTierFlags => [16];
    public static ReadOnlySpan<int> AccountCapabilityFlags => [17];

    // Unsure (§14, [LEE] quota.go only): qpEbW reply [0] = items; item [0] = [x, actionId], [2] usage percent,
    // [3][0] reset epoch seconds, [4] total (0 = unlimited), [5] remaining.
    public static ReadOnlySpan<int> QuotaItems => [0];
    public static ReadOnlySpan<int> QuotaItemKind => [0, 0];
    public static ReadOnlySpan<int> QuotaItemAction => [0, 1];
    public static ReadOnlySpan<int> QuotaItemPercent => [2];
    public static ReadOnlySpan<int> QuotaItemReset => [3, 0];
    public static ReadOnlySpan<int> QuotaItemTotal => [4];
    public static ReadOnlySpan<int> QuotaItemRemaining => [5];

    // Unsure (§14, [LEE] only, low confidence): aPya6c reply [isBlocked, usageFraction (0..1), [resetEpoch]].
    public static ReadOnlySpan<int> CapsBlocked => [0];
    public static ReadOnlySpan<int> CapsFraction => [1];
    public static ReadOnlySpan<int> CapsReset => [2, 0];

    // Unsure ([LEE] only, units unknown): mhs1xe upload limits [[[[a, b, c]]]].
    public static ReadOnlySpan<int> UploadLimitValues => [0, 0, 0];

    // Unsure ([LEE] only): jGArJ research library [[report…], cursor]; report [0] = [cid, rid], [1] [s, ns], [2] state,
    // [3] title, [4][0] snippet, [5] rcid.
    public static ReadOnlySpan<int> ReportList => [0];
    public static ReadOnlySpan<int> ReportListCursor => [1];
    public static ReadOnlySpan<int> ReportConversationId => [0, 0];
    public static ReadOnlySpan<int> ReportResponseId => [0, 1];
    public static ReadOnlySpan<int> ReportTimestamp => [1];
    public static ReadOnlySpan<int> ReportTitle => [3];
    public static ReadOnlySpan<int> ReportSnippet => [4, 0];
    public static ReadOnlySpan<int> ReportChoiceId => [5];

    // Unsure (§12): the plan object under sparse key "57" (or "56"): [0] title, [1] steps ([?, label, body]),
    // [2] ETA text, [3][0] confirm prompt, [4][0] confirmation URL, [5] modify prompt; key "70" = raw state.
    public const string ResearchPlanKey = "57";
    public const string ResearchPlanAltKey = "56";
    public const string ResearchStateKey = "70";
    public static ReadOnlySpan<int> PlanTitle => [0];
    public static ReadOnlySpan<int> PlanSteps => [1];
    public static ReadOnlySpan<int> PlanStepLabel => [1];
    public static ReadOnlySpan<int> PlanStepBody => [2];
    public static ReadOnlySpan<int> PlanEta => [2];
    public static ReadOnlySpan<int> PlanConfirmPrompt => [3, 0];
    public static ReadOnlySpan<int> PlanConfirmUrl => [4, 0];
    public static ReadOnlySpan<int> PlanModifyPrompt => [5];

    // Unsure (§12, [GWA] reading of kwDCne): cid at [0] (both sources), title [1][4][0], query [1][4][1], cid [1][3][0].
    public static ReadOnlySpan<int> ResearchStatusConversationId => [0];
    public static ReadOnlySpan<int> ResearchStatusTitle => [1, 4, 0];
    public static ReadOnlySpan<int> ResearchStatusQuery => [1, 4, 1];
    public static ReadOnlySpan<int> ResearchStatusResponseId => [2];
}
