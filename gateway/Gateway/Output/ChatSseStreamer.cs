using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Diagnostics;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Output;

/// <summary>
/// Maps a chat turn's events to Server-Sent Events as they arrive. The first event is awaited before the
/// response starts, so a failure up to then is still a normal envelope with its status; after that a
/// failure is an <c>error</c> event and the end of the stream. A stream still open when the shutdown drain
/// time runs out (<see cref="GracefulShutdown"/>) ends with an API_ERROR <c>error</c> event.
/// </summary>
public sealed partial class ChatSseStreamer
{
    private readonly IOptionsMonitor<StreamingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSseStreamer> _logger;
    private readonly GatewayMetrics _metrics;
    private readonly GracefulShutdown _shutdown;

    public ChatSseStreamer(IOptionsMonitor<StreamingOptions> options, TimeProvider time, ILogger<ChatSseStreamer> logger, GatewayMetrics metrics, GracefulShutdown shutdown)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _shutdown = shutdown;
    }

    public async Task StreamAsync(HttpContext context, ChatTurn turn, Action<HttpResponse> beforeStart)
    {
        var aborted = context.RequestAborted;
        await using var events = turn.ReadEventsAsync(aborted).GetAsyncEnumerator(aborted);
        if (!await events.MoveNextAsync())
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
        }

        var response = context.Response;
        beforeStart(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted);

        using var writer = new SseEventWriter(response.BodyWriter, context.TraceIdentifier);
        var heartbeat = _options.CurrentValue.HeartbeatInterval;
        var route = Hosting.RequestLoggingMiddleware.RouteOf(context);
        var telemetry = RequestTelemetryFeature.Of(context);
        _metrics.StreamOpened(route);
        try
        {
            var current = events.Current;
            await WriteAsync(writer, current, aborted);
            if (telemetry is not null)
            {
                telemetry.IsStream = true;
                telemetry.FirstEventAfter = _time.GetElapsedTime(telemetry.StartedAt);
                _metrics.FirstEvent(route, Hosting.RequestLoggingMiddleware.TenantOf(context), telemetry.FirstEventAfter.Value);
            }

            while (true)
            {
                if (current is ChatEvent.Completed)
                {
                    return;
                }

                var next = events.MoveNextAsync();
                var hasNext = next.IsCompletedSuccessfully ? next.Result : await WaitWithHeartbeatsAsync(next.AsTask(), writer, heartbeat, aborted);
                if (!hasNext)
                {
                    return;
                }

                current = events.Current;
                await WriteAsync(writer, current, aborted);
            }
        }
        catch (BridgeException ex) when (!aborted.IsCancellationRequested)
        {
            Log.StreamFailed(_logger, ErrorCatalog.Describe(ex.Code).Code);
            Proxy.BridgeDispatchMiddleware.RecordOutcome(context, ex.Code);
            await WriteErrorEventAsync(writer, telemetry, ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (_shutdown.IsDrainExpired)
        {
            // The drain after SIGTERM ran out (the request token carries it): say so, then end the stream.
            Log.StreamCutAtShutdown(_logger);
            _metrics.StreamCutAtShutdown(route);
            try
            {
                await WriteErrorEventAsync(writer, telemetry, BridgeErrorCode.ApiError, GracefulShutdown.ShuttingDownMessage);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The client left meanwhile; nothing to tell.
            }
        }
        finally
        {
            _metrics.StreamClosed(route);
        }
    }

    private static async Task WriteErrorEventAsync(SseEventWriter writer, RequestTelemetryFeature? telemetry, BridgeErrorCode code, string message)
    {
        var descriptor = ErrorCatalog.Describe(code);
        if (telemetry is not null)
        {
            telemetry.ErrorCode = descriptor.Code;
        }

        await writer.WriteEventAsync(ChatEventNames.Error, (descriptor, message), static (json, s) => EnvelopeWriter.WriteError(json, s.descriptor, s.message), CancellationToken.None);
    }

    /// <summary>Upstream is silent: send a comment every interval until the next event arrives.</summary>
    private async Task<bool> WaitWithHeartbeatsAsync(Task<bool> pending, SseEventWriter writer, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var timer = new CancellationTokenSource(interval, _time);
            var delay = Task.Delay(Timeout.InfiniteTimeSpan, timer.Token);
            if (await Task.WhenAny(pending, delay) == pending)
            {
                return await pending;
            }

            await writer.WriteHeartbeatAsync(cancellationToken);
        }
    }

    private static ValueTask<System.IO.Pipelines.FlushResult> WriteAsync(SseEventWriter writer, ChatEvent item, CancellationToken cancellationToken) => item switch
    {
        ChatEvent.TextDelta delta => writer.WriteEventAsync(ChatEventNames.Delta, delta.Text, static (json, text) => json.WriteString("text", text), cancellationToken),
        ChatEvent.ThoughtDelta thought => writer.WriteEventAsync(ChatEventNames.Thought, thought.Text, static (json, text) => json.WriteString("text", text), cancellationToken),
        ChatEvent.ImageFound image => writer.WriteEventAsync(ChatEventNames.Image, image.Image, static (json, value) =>
        {
            json.WritePropertyName("image");
            System.Text.Json.JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ChatImage);
        }, cancellationToken),
        ChatEvent.CitationFound citation => writer.WriteEventAsync(ChatEventNames.Citation, citation.Citation, static (json, value) =>
        {
            json.WritePropertyName("citation");
            System.Text.Json.JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.Citation);
        }, cancellationToken),
        ChatEvent.ConversationUpdated metadata => writer.WriteEventAsync(ChatEventNames.Metadata, metadata.Conversation, static (json, value) =>
        {
            json.WritePropertyName("conversation");
            System.Text.Json.JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ConversationRef);
        }, cancellationToken),
        ChatEvent.Completed done => writer.WriteEventAsync(ChatEventNames.Done, done.Result, static (json, value) =>
        {
            json.WritePropertyName("data");
            System.Text.Json.JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ChatResult);
        }, cancellationToken),
        _ => ValueTask.FromResult(default(System.IO.Pipelines.FlushResult)),
    };

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ChatSseStreamerStreamFailed, LogLevel.Information, "Chat stream ended with {ErrorCode} after it started")]
        public static partial void StreamFailed(ILogger logger, string errorCode);

        [LoggerMessage(LogEventIds.ChatSseStreamerStreamCutAtShutdown, LogLevel.Warning, "Chat stream still open when the shutdown drain time ran out; ended with an error event")]
        public static partial void StreamCutAtShutdown(ILogger logger);
    }
}
