using System.Globalization;
using BridgeEngine.Errors;

namespace Gateway.Output;

/// <summary>
/// The part every error answer shares, whatever its body shape (gateway envelope, OpenAI, Gemini API): status
/// from the catalog, the request id, Retry-After, and the code for the request's telemetry.
/// </summary>
internal static class ErrorResponse
{
    /// <summary>Sets status and headers; null when the response already started and nothing can be written.</summary>
    public static ErrorDescriptor? Begin(HttpContext context, BridgeErrorCode code, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return null;
        }

        var descriptor = ErrorCatalog.Describe(code);
        if (Diagnostics.RequestTelemetryFeature.Of(context) is { } telemetry)
        {
            telemetry.ErrorCode = descriptor.Code;
        }

        response.StatusCode = descriptor.Status;

        // The exception handler clears the response headers before an error is written; the id must survive that.
        response.Headers[RequestIdMiddleware.HeaderName] = context.TraceIdentifier;
        response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return descriptor;
    }
}
