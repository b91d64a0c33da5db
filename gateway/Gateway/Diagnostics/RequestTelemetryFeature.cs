namespace Gateway.Diagnostics;

/// <summary>
/// What the request log line and the request metrics need to know about how a request was answered, set by
/// whoever wrote the answer (envelope writer, SSE streamer). Holds no request content.
/// </summary>
internal sealed class RequestTelemetryFeature
{
    /// <summary>The public error code of the answer (envelope or final SSE <c>error</c> event), if it failed.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>True when the answer is an SSE stream.</summary>
    public bool IsStream { get; set; }

    /// <summary>Time from the request's arrival to the first SSE event written.</summary>
    public TimeSpan? FirstEventAfter { get; set; }

    /// <summary>The YARP route that answered, set by the dispatch (it survives the exception handler clearing the endpoint).</summary>
    public string? RouteId { get; set; }

    /// <summary>Timestamp (TimeProvider) of the request's arrival.</summary>
    public long StartedAt { get; init; }

    public static RequestTelemetryFeature? Of(HttpContext context) => context.Features.Get<RequestTelemetryFeature>();
}
