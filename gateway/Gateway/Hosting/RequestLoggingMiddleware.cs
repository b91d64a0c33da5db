using System.Diagnostics;
using BridgeEngine.Diagnostics;
using BridgeEngine.Errors;
using Gateway.Diagnostics;
using Gateway.Output;
using Gateway.Policies.ApiKeys;
using Gateway.Policies.Outcome;
using Yarp.ReverseProxy.Model;

namespace Gateway.Hosting;

/// <summary>
/// One structured log line and one set of measurements per request: route id, tenant id (never the key),
/// status, error code, duration and, for streams, the time to the first event. Runs right after the request id
/// is assigned, around everything else. Logs under the category <c>Gateway.Requests</c>, so its level is set in
/// configuration like any other (<c>Logging:LogLevel:Gateway.Requests</c>). Health and scrape paths log at Debug.
/// </summary>
internal sealed partial class RequestLoggingMiddleware
{
    public const string Category = "Gateway.Requests";

    private readonly RequestDelegate _next;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RequestLoggingMiddleware(RequestDelegate next, GatewayMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        _next = next;
        _metrics = metrics;
        _time = time;
        _logger = loggers.CreateLogger(Category);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = new RequestTelemetryFeature { StartedAt = _time.GetTimestamp() };
        context.Features.Set(feature);
        var activity = Activity.Current;
        activity?.SetTag(BridgeTelemetry.RequestIdTag, context.TraceIdentifier);

        // In place of the framework's request scope (RequestPath included; its category is off, see
        // AddGatewayTelemetry): the request id only, for log lines written while the request runs.
        using var scope = _logger.IsEnabled(LogLevel.Critical) ? _logger.BeginScope(new RequestLogScope(context.TraceIdentifier)) : null;
        try
        {
            await _next(context);
        }
        finally
        {
            Complete(context, feature, activity);
        }
    }

    /// <summary>The YARP route id, the endpoint's name for the gateway's own endpoints, or "none" (no route matched).</summary>
    public static string RouteOf(HttpContext context)
    {
        if (RequestTelemetryFeature.Of(context)?.RouteId is { } routeId)
        {
            return routeId;
        }

        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId
            ?? endpoint?.DisplayName
            ?? (context.Response.StatusCode == StatusCodes.Status404NotFound ? "none" : "static");
    }

    public static string TenantOf(HttpContext context) => context.Features.Get<TenantFeature>()?.TenantId ?? "-";

    private void Complete(HttpContext context, RequestTelemetryFeature feature, Activity? activity)
    {
        var duration = _time.GetElapsedTime(feature.StartedAt);
        var route = RouteOf(context);
        var tenant = TenantOf(context);
        var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
        var outcome = context.Features.Get<RequestOutcomeFeature>();
        var errorCode = feature.ErrorCode ?? (outcome?.Code is { } code ? ErrorCatalog.Describe(code).Code : null);
        var rateLimited = outcome is { Code: BridgeErrorCode.UsageLimitExceeded, FromUpstream: false };

        _metrics.RequestEnded(route, tenant, status, errorCode, duration, rateLimited);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GatewayMetrics.RouteTag, route);
            activity.SetTag(GatewayMetrics.TenantTag, tenant);
            if (errorCode is not null)
            {
                activity.SetTag(BridgeTelemetry.ErrorCodeTag, errorCode);
            }
        }

        var rawPath = context.Request.Path.Value ?? "/";
        var firstEventMs = feature.FirstEventAfter?.TotalMilliseconds;
        if (IsProbe(rawPath))
        {
            Log.ProbeAnswered(_logger, context.Request.Method, rawPath, status, duration.TotalMilliseconds);
            return;
        }

        // Callers paste cookies and keys into URLs: the line shows the route template, never raw segments or the query.
        var path = RedactedPath.Of(context);
        if (feature.IsStream)
        {
            Log.Streamed(_logger, context.Request.Method, path, route, tenant, status, errorCode ?? "-", duration.TotalMilliseconds, true, firstEventMs ?? 0);
        }
        else
        {
            Log.Answered(_logger, context.Request.Method, path, route, tenant, status, errorCode ?? "-", duration.TotalMilliseconds, false);
        }
    }

    private static bool IsProbe(string path) =>
        path is "/healthz" or "/readyz" or "/metrics";

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.RequestLoggingMiddlewareAnswered, LogLevel.Information, "{Method} {Path} route {RouteId} tenant {TenantId}: {StatusCode} {ErrorCode} in {DurationMs:0.0} ms (stream {IsStream})", EventName = "RequestAnswered")]
        public static partial void Answered(ILogger logger, string method, string path, string routeId, string tenantId, int statusCode, string errorCode, double durationMs, bool isStream);

        /// <summary>The request line of an SSE answer: also the time to the first event (time to first byte of the answer).</summary>
        [LoggerMessage(LogEventIds.RequestLoggingMiddlewareStreamed, LogLevel.Information, "{Method} {Path} route {RouteId} tenant {TenantId}: {StatusCode} {ErrorCode} in {DurationMs:0.0} ms (stream {IsStream}, first event after {FirstEventMs:0.0} ms)", EventName = "StreamAnswered")]
        public static partial void Streamed(ILogger logger, string method, string path, string routeId, string tenantId, int statusCode, string errorCode, double durationMs, bool isStream, double firstEventMs);

        [LoggerMessage(LogEventIds.RequestLoggingMiddlewareProbeAnswered, LogLevel.Debug, "{Method} {Path}: {StatusCode} in {DurationMs:0.0} ms", EventName = "ProbeAnswered")]
        public static partial void ProbeAnswered(ILogger logger, string method, string path, int statusCode, double durationMs);
    }
}
