namespace BridgeEngine.Protocol;

/// <summary>batchexecute RPC ids (protocol §6.3). Never add GPRiHf: sources disagree whether it deletes all history.</summary>
public static class RpcIds
{
    public const string AccountStatus = "otAQ7b";
    public const string Activity = "ESY5D";
    public const string ListChats = "MaZiqc";
    public const string ReadChat = "hNvQHb";
    public const string DeleteChat = "GzXR5e";
    public const string DeleteChatSecond = "qWymEb";
    public const string ListGems = "CNgdBe";
    public const string CreateGem = "oMH3Zd";
    public const string UpdateGem = "kHv0Vd";
    public const string DeleteGem = "UXcSJb";
    public const string Quota = "qpEbW";
    public const string ExtraQuota = "aPya6c";

    /// <summary>§13: full-size URL of a generated image ([GWA] only, medium confidence).</summary>
    public const string FullSizeImage = "c8o8Fe";

    /// <summary>§12 deep research status ([GWA]) / generation context ([LEE]): the two sources disagree.</summary>
    public const string ResearchStatus = "kwDCne";

    /// <summary>RPCs that only read: safe to send again when the first attempt failed before an answer.</summary>
    private static readonly HashSet<string> Reads = new(StringComparer.Ordinal)
    {
        // Not ESY5D (it may toggle the activity setting) nor kwDCne (§12: the sources disagree what it does).
        AccountStatus, ListChats, ReadChat, ListGems, Quota, ExtraQuota, FullSizeImage,
    };

    /// <summary>True when every id in the comma-separated list is a read (unknown ids are not).</summary>
    public static bool AreAllReads(string rpcIds) =>
        rpcIds.Length > 0 && rpcIds.Split(',').All(Reads.Contains);
}
