using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Output;

/// <summary>
/// Maps a chat turn's events to Server-Sent Events as they arrive. The first event is awaited before the
/// response starts, so a failure up to then is still a normal envelope with its status; after that a
/// failure is an <c>error</c> event and the end of the stream.
/// </summary>
public sealed partial class ChatSseStreamer
{
    private readonly IOptionsMonitor<StreamingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatSseStreamer> _logger;

    public ChatSseStreamer(IOptionsMonitor<StreamingOptions> options, TimeProvider time, ILogger<ChatSseStreamer> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
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
        try
        {
            var current = events.Current;
            while (true)
            {
                await WriteAsync(writer, current, aborted);
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
            }
        }
        catch (BridgeException ex) when (!aborted.IsCancellationRequested)
        {
            Log.StreamFailed(_logger, ErrorCatalog.Describe(ex.Code).Code);
            Proxy.BridgeDispatchMiddleware.RecordOutcome(context, ex.Code);
            var descriptor = ErrorCatalog.Describe(ex.Code);
            await writer.WriteEventAsync(ChatEventNames.Error, (descriptor, ex.Message), static (json, s) => EnvelopeWriter.WriteError(json, s.descriptor, s.Message), CancellationToken.None);
        }
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
        [LoggerMessage(3001, LogLevel.Information, "Chat stream ended with {ErrorCode} after it started")]
        public static partial void StreamFailed(ILogger logger, string errorCode);
    }
}
