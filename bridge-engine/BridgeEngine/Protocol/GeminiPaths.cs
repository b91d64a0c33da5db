namespace BridgeEngine.Protocol;

/// <summary>Upstream paths and fixed values (protocol §2-§6, §8).</summary>
internal static class GeminiPaths
{
    public const string AppPage = "app";
    public const string StreamGenerate = "_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate";
    public const string BatchExecute = "_/BardChatUi/data/batchexecute";
    public const string RotateCookies = "RotateCookies";
    public const string Upload = "upload";

    /// <summary>§4: sent verbatim by [GWA]; not strictly JSON (leading zeros).</summary>
    public const string RotateCookiesBody = "[000,\"-0000000000000000000\"]";

    /// <summary>§4: [GWA] skips rotation within 60 s of the last one "to avoid 429 Too Many Requests".</summary>
    public static readonly TimeSpan RotateCookiesMinInterval = TimeSpan.FromSeconds(60);

    public const string PsidCookie = "__Secure-1PSID";
    public const string PsidtsCookie = "__Secure-1PSIDTS";

    /// <summary>§3: default upload Push-ID when the page names none.</summary>
    public const string DefaultPushId = "feeds/mcudyrk2a4khkz";
}
