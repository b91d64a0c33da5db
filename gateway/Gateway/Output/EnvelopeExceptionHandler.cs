using Gateway.Diagnostics;
using BridgeEngine.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Output;

/// <summary>
/// The only place exceptions become answers. Expected failures carry a public code; anything else is
/// INTERNAL_ERROR with a generic message (the exception stays in the logs, never in the answer).
/// </summary>
public sealed partial class EnvelopeExceptionHandler : IExceptionHandler
{
    private readonly EnvelopeWriter _writer;
    private readonly ILogger<EnvelopeExceptionHandler> _logger;

    public EnvelopeExceptionHandler(EnvelopeWriter writer, ILogger<EnvelopeExceptionHandler> logger)
    {
        _writer = writer;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BridgeException bridge:
                await _writer.WriteErrorAsync(httpContext, bridge.Code, bridge.Message, bridge.RetryAfter);
                return true;
            case BadHttpRequestException bad:
                // Kestrel's own body limits and malformed requests (413 too large, 400 bad framing).
                await _writer.WriteErrorAsync(httpContext, BridgeErrorCode.InvalidBody, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.");
                return true;
            default:
                Log.Unhandled(_logger, exception.GetType().Name, exception);
                await _writer.WriteErrorAsync(httpContext, BridgeErrorCode.InternalError, null);
                return true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.EnvelopeExceptionHandlerUnhandled, LogLevel.Error, "Unhandled {ExceptionType} while serving the request")]
        public static partial void Unhandled(ILogger logger, string exceptionType, Exception exception);
    }
}
