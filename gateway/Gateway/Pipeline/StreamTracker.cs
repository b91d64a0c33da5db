using Gateway.Diagnostics;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Pipeline;

/// <summary>Starts streamed responses the same way on every surface: status, headers that keep proxies from buffering, telemetry.</summary>
internal sealed class StreamTracker
{
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;

    public StreamTracker(GatewayMetrics metrics, TimeProvider time)
    {
        _metrics = metrics;
        _time = time;
    }

    public async Task<EventStream> StartAsync(BridgeCall call, string contentType, Func<EventStreamWriter, BridgeFailure, ValueTask> writeError)
    {
        var context = call.Context;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(call.Aborted);

        var telemetry = RequestTelemetryFeature.Of(context);
        if (telemetry is not null)
        {
            telemetry.IsStream = true;
        }

        var stream = new EventStream(new EventStreamWriter(response.BodyWriter, context.TraceIdentifier), writeError, _metrics, _time, telemetry, call.Route.RouteId, RequestLoggingMiddleware.TenantOf(context));
        call.Stream = stream;
        return stream;
    }
}
