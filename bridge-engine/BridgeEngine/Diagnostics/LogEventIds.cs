namespace BridgeEngine.Diagnostics;

/// <summary>
/// Every log event id of this project, defined once so that no two events share one. Ranges: see the first
/// digit of each block; a new event takes the next free number of its block.
/// </summary>
internal static class LogEventIds
{
    /// <summary>Client/GeminiWebClient.cs</summary>
    public const int GeminiWebClientSessionBootstrapped = 1001;

    /// <summary>Client/GeminiWebClient.cs</summary>
    public const int GeminiWebClientGenerateAccepted = 1002;

    /// <summary>Client/GeminiWebClient.cs</summary>
    public const int GeminiWebClientWarmUpFailed = 1003;

    /// <summary>Client/ChatTurn.cs</summary>
    public const int ChatTurnResending = 1004;

    /// <summary>Client/ChatTurn.cs</summary>
    public const int ChatTurnRecovering = 1005;

    /// <summary>Client/ChatTurn.cs</summary>
    public const int ChatTurnRecovered = 1006;

    /// <summary>Client/ChatTurn.cs</summary>
    public const int ChatTurnDowngraded = 1007;

    /// <summary>Client/ChatTurn.cs</summary>
    public const int ChatTurnFullSizeFailed = 1008;

    /// <summary>Parsing/ResponseFrameReader.cs (via ChatTurn)</summary>
    public const int ChatTurnBadFrames = 1009;

    /// <summary>Features/Quota/AccountQuotaClient.cs</summary>
    public const int AccountQuotaClientQuotaRpcFailed = 1101;
}
