using Gateway.Diagnostics;

namespace Gateway.Compat.Responses;

/// <summary>At start, warns when no signing key is configured: Responses ids then only continue on this process.</summary>
internal sealed partial class ResponsesStartupLog : IHostedService
{
    private readonly ResponseIdCodec _codec;
    private readonly ILogger<ResponsesStartupLog> _logger;

    public ResponsesStartupLog(ResponseIdCodec codec, ILogger<ResponsesStartupLog> logger)
    {
        _codec = codec;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_codec.UsesEphemeralKey)
        {
            Log.EphemeralKey(_logger, ResponsesOptions.SectionName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ResponsesStartupLogEphemeralKey, LogLevel.Warning, "No {Section}:SigningKeys configured: a random per-process key signs Responses ids, so previous_response_id and item references only continue on this replica and not after a restart")]
        public static partial void EphemeralKey(ILogger logger, string section);
    }
}
