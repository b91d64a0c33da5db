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

    /// <summary>Features/Quota/AccountQuotaClient.cs</summary>
    public const int AccountQuotaClientQuotaRpcFailed = 1101;
}
