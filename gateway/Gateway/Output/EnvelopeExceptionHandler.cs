using Gateway.Diagnostics;
using BridgeEngine.Errors;
using Gateway.Pipeline;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Output;

/// <summary>
/// The only place exceptions become answers. Expected failures carry a public code; anything else is
/// INTERNAL_ERROR with a generic message (the exception stays in the logs, never in the answer).
/// </summary>
internal sealed partial class EnvelopeExceptionHandler : IExceptionHandler
{
    private readonly ErrorShapes _errors;
    private readonly ILogger<EnvelopeExceptionHandler> _logger;

    public EnvelopeExceptionHandler(ErrorShapes errors, ILogger<EnvelopeExceptionHandler> logger)
    {
        _errors = errors;
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Expected failures outside the dispatch (policy steps, the web front); a bug anywhere is INTERNAL_ERROR.
        var failure = BridgeFailure.From(exception);
        if (failure is null)
        {
            Log.Unhandled(_logger, exception.GetType().Name, exception);
            failure = new BridgeFailure(BridgeErrorCode.InternalError, null);
        }

        await _errors.WriteAsync(httpContext, failure);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.EnvelopeExceptionHandlerUnhandled, LogLevel.Error, "Unhandled {ExceptionType} while serving the request")]
        public static partial void Unhandled(ILogger logger, string exceptionType, Exception exception);
    }
}
