using Gateway.Diagnostics;

namespace Gateway.Pipeline;

/// <summary>
/// A started streaming response: its writer, how this surface writes an error once the status is sent, and the
/// stream's telemetry (open-stream gauge, first-event latency). Created by <see cref="StreamTracker"/>; the dispatch
/// disposes it and, on a failure after the start, ends it with the surface's error event.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly Func<EventStreamWriter, BridgeFailure, ValueTask> _writeError;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly RequestTelemetryFeature? _telemetry;
    private readonly string _route;
    private readonly string _tenant;

    internal EventStream(EventStreamWriter writer, Func<EventStreamWriter, BridgeFailure, ValueTask> writeError, GatewayMetrics metrics, TimeProvider time, RequestTelemetryFeature? telemetry, string route, string tenant)
    {
        Writer = writer;
        _writeError = writeError;
        _metrics = metrics;
        _time = time;
        _telemetry = telemetry;
        _route = route;
        _tenant = tenant;
        _metrics.StreamOpened(route);
    }

    public EventStreamWriter Writer { get; }

    public string Route => _route;

    private bool _firstEventSeen;

    /// <summary>Call after the first event is written: the request log line and the latency histogram record it.</summary>
    public void FirstEventWritten()
    {
        if (_firstEventSeen)
        {
            return;
        }

        _firstEventSeen = true;
        if (_telemetry is not null)
        {
            _telemetry.FirstEventAfter = _time.GetElapsedTime(_telemetry.StartedAt);
            _metrics.FirstEvent(_route, _tenant, _telemetry.FirstEventAfter.Value);
        }
    }

    /// <summary>The surface's last message: the failure, then the end of the stream.</summary>
    public ValueTask WriteErrorAsync(BridgeFailure failure)
    {
        if (_telemetry is not null)
        {
            _telemetry.ErrorCode = Output.ErrorCatalog.Describe(failure.Code).Code;
        }

        return _writeError(Writer, failure);
    }

    public void CutAtShutdown() => _metrics.StreamCutAtShutdown(_route);

    public ValueTask DisposeAsync()
    {
        Writer.Dispose();
        _metrics.StreamClosed(_route);
        return ValueTask.CompletedTask;
    }
}
