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

    /// <summary>§12 deep research status ([GWA]) / generation context ([LEE]): the two sources disagree.</summary>
    public const string ResearchStatus = "kwDCne";
}
