namespace Gateway.Diagnostics;

/// <summary>
/// Every log event id of this project, defined once so that no two events share one. Ranges: see the first
/// digit of each block; a new event takes the next free number of its block.
/// </summary>
internal static class LogEventIds
{
    /// <summary>Output/EnvelopeExceptionHandler.cs</summary>
    public const int EnvelopeExceptionHandlerUnhandled = 2001;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareStreamFailed = 3001;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareStreamCutAtShutdown = 3002;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareStreamCrashed = 3003;

    /// <summary>Endpoints/ResearchEndpoints.cs</summary>
    public const int ResearchEndpointsEventsFailed = 3101;

    /// <summary>Pipeline/ChatTurnRunner.cs (a reviewed answer, e.g. emulated tools, needed a repair turn)</summary>
    public const int ChatTurnRunnerAnswerRetried = 3201;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareUnknownOperation = 4001;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareRefused = 4002;

    /// <summary>Proxy/BridgeDispatchMiddleware.cs</summary>
    public const int BridgeDispatchMiddlewareClientAborted = 4003;

    /// <summary>GatewayApp.cs</summary>
    public const int GatewayAppSimulatorStarted = 5001;

    /// <summary>GatewayApp.cs</summary>
    public const int GatewayAppAuthOff = 5002;

    /// <summary>GatewayApp.cs</summary>
    public const int GatewayAppNoKeys = 5003;

    /// <summary>Hosting/GracefulShutdown.cs</summary>
    public const int GracefulShutdownDraining = 5101;

    /// <summary>Hosting/RequestLoggingMiddleware.cs</summary>
    public const int RequestLoggingMiddlewareAnswered = 5201;

    /// <summary>Hosting/RequestLoggingMiddleware.cs</summary>
    public const int RequestLoggingMiddlewareProbeAnswered = 5202;

    /// <summary>Hosting/RequestLoggingMiddleware.cs</summary>
    public const int RequestLoggingMiddlewareStreamed = 5203;

    /// <summary>Compat/OpenAi/OpenAiChatCompletionsOperation.cs</summary>
    public const int OpenAiChatCompletionsOperationRefused = 7101;

    /// <summary>Compat/OpenAi/OpenAiChatCompletionsOperation.cs</summary>
    public const int OpenAiChatCompletionsOperationFailed = 7102;

    /// <summary>Compat/OpenAi/OpenAiChatCompletionsOperation.cs</summary>
    public const int OpenAiChatCompletionsOperationStreamFailed = 7103;

    /// <summary>Compat/GeminiApi/GeminiGenerateOperation.cs</summary>
    public const int GeminiGenerateOperationRefused = 7201;

    /// <summary>Compat/GeminiApi/GeminiGenerateOperation.cs</summary>
    public const int GeminiGenerateOperationFailed = 7202;

    /// <summary>Compat/GeminiApi/GeminiGenerateOperation.cs</summary>
    public const int GeminiGenerateOperationStreamFailed = 7203;
}
