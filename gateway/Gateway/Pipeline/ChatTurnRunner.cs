using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Diagnostics;
using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Pipeline;

/// <summary>
/// The one chat pipeline under every surface: start the turn (the model allow-list is the engine's, from the call),
/// then either collect the answer or stream it. A stream waits for the first shown event before the status is sent,
/// so a failure up to then (usage limit, expired cookies, bad model) is still a normal error with its HTTP status;
/// after it, events are written as they arrive, with heartbeats while upstream is silent.
/// </summary>
internal sealed partial class ChatTurnRunner
{
    /// <summary>Set on an answer that came from another model than the one asked for; its value is the model asked for.</summary>
    public const string DowngradedHeader = "x-bridge-model-downgraded-from";

    private const string NoAnswer = "Gemini ended the response without an answer.";

    /// <summary>A review gets at most this many turns in all (the answer and its repairs) whatever it asks: a guard against loops.</summary>
    private const int MaxReviewedTurns = 3;

    private readonly GeminiWebClient _client;
    private readonly IOptionsMonitor<StreamingOptions> _streaming;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatTurnRunner> _logger;

    public ChatTurnRunner(GeminiWebClient client, IOptionsMonitor<StreamingOptions> streaming, TimeProvider time, ILogger<ChatTurnRunner> logger)
    {
        _client = client;
        _streaming = streaming;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(BridgeCall call, ChatRequest request, bool stream, IChatWireFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        await using var turn = await _client.StartChatAsync(call.Upstream, request, call.Aborted);
        if (stream)
        {
            await StreamAsync(call, turn, format);
            return;
        }

        var result = await CollectAsync(turn, call.Aborted);
        if (result.Downgraded)
        {
            // Google answered with another model without saying so (protocol §9.1): never pretend, on any surface.
            call.Response.Headers[DowngradedHeader] = result.RequestedModel ?? "default";
        }

        await format.WriteAnswerAsync(call, result);
    }

    /// <summary>
    /// Like <see cref="RunAsync(BridgeCall, ChatRequest, bool, IChatWireFormat)"/>, with the whole answer reviewed
    /// (<see cref="IAnswerReview"/>) before any of it is written; a stream is then the accepted answer replayed as events
    /// (thoughts and text as one delta each, then the completion). While a streamed answer is collected, heartbeats keep
    /// the connection alive (<see cref="BufferedStreamKeepAlive"/>). Without a review this is the plain run.
    /// </summary>
    public async Task RunAsync(BridgeCall call, ChatRequest request, bool stream, IChatWireFormat format, IAnswerReview? review)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(format);
        if (review is null)
        {
            await RunAsync(call, request, stream, format);
            return;
        }

        if (!stream)
        {
            await format.WriteAnswerAsync(call, await ReviewedAsync(call, request, review, null));
            return;
        }

        ChatResult result;
        EventStream? started;
        bool opened;
        await using (var keepAlive = format.SendsHeartbeats ? new BufferedStreamKeepAlive(call, format, _streaming.CurrentValue.HeartbeatInterval, _time) : null)
        {
            // Disposing stops the heartbeats before a failure reaches the dispatch, which may then write the error event.
            result = await ReviewedAsync(call, request, review, keepAlive);
            if (keepAlive is not null)
            {
                await keepAlive.StopAsync();
            }

            (started, opened) = (keepAlive?.Stream, keepAlive?.Opened ?? false);
        }

        started ??= await call.StartStreamAsync(format.StreamContentType, format.WriteStreamErrorAsync);
        var writer = started.Writer;
        if (!opened)
        {
            await format.WriteStreamStartAsync(writer, call.Aborted);
        }

        ChatEvent[] replay = [new ChatEvent.ThoughtDelta(result.Thoughts ?? string.Empty), new ChatEvent.TextDelta(result.Text)];
        foreach (var item in replay)
        {
            if (item is ChatEvent.ThoughtDelta { Text.Length: > 0 } or ChatEvent.TextDelta { Text.Length: > 0 } && format.Shows(item))
            {
                await format.WriteStreamEventAsync(writer, item, call.Aborted);
                started.FirstEventWritten();
            }
        }

        await format.WriteStreamEventAsync(writer, new ChatEvent.Completed(result), call.Aborted);
        started.FirstEventWritten();
    }

    private async Task<ChatResult> ReviewedAsync(BridgeCall call, ChatRequest request, IAnswerReview review, BufferedStreamKeepAlive? keepAlive)
    {
        for (var turns = 1; ; turns++)
        {
            ChatResult result;
            await using (var turn = await _client.StartChatAsync(call.Upstream, request, call.Aborted))
            {
                result = await CollectAsync(turn, keepAlive is null ? null : keepAlive.Arm, call.Aborted);
            }

            switch (review.Review(request, result, turns))
            {
                case AnswerVerdict.Accept accept:
                    return accept.Result;
                case AnswerVerdict.Retry retry when turns < MaxReviewedTurns:
                    // How often emulated answers need a repair tells operators how well the model follows the format.
                    Log.AnswerRetried(_logger, call.Route.RouteId, turns);
                    request = retry.Next;
                    break;
                default:
                    throw new BridgeException(BridgeErrorCode.ApiError, "Gemini's answer could not be used after several turns.");
            }
        }
    }

    /// <summary>Reads a turn to its end; the complete answer.</summary>
    public static Task<ChatResult> CollectAsync(ChatTurn turn, CancellationToken cancellationToken) => CollectAsync(turn, null, cancellationToken);

    /// <param name="onEvent">Runs at each event upstream sends (the turn is answering).</param>
    private static async Task<ChatResult> CollectAsync(ChatTurn turn, Action? onEvent, CancellationToken cancellationToken)
    {
        ChatResult? result = null;
        await foreach (var item in turn.ReadEventsAsync(cancellationToken))
        {
            onEvent?.Invoke();
            if (item is ChatEvent.Completed completed)
            {
                result = completed.Result;
            }
        }

        return result ?? throw new BridgeException(BridgeErrorCode.ApiError, NoAnswer);
    }

    private async Task StreamAsync(BridgeCall call, ChatTurn turn, IChatWireFormat format)
    {
        var aborted = call.Aborted;
        await using var events = new TurnEventReader(turn, _time, aborted);
        var current = await NextShownAsync(events, format, TimeSpan.Zero, null);

        var stream = await call.StartStreamAsync(format.StreamContentType, format.WriteStreamErrorAsync);
        var writer = stream.Writer;
        var heartbeat = _streaming.CurrentValue.HeartbeatInterval;
        Func<ValueTask>? onIdle = format.SendsHeartbeats ? () => DiscardAsync(format.WriteHeartbeatAsync(writer, aborted)) : null;
        await format.WriteStreamStartAsync(writer, aborted);
        while (true)
        {
            await format.WriteStreamEventAsync(writer, current, aborted);
            stream.FirstEventWritten();
            if (current is ChatEvent.Completed)
            {
                return;
            }

            current = await NextShownAsync(events, format, heartbeat, onIdle);
        }
    }

    private static async ValueTask<ChatEvent> NextShownAsync(TurnEventReader events, IChatWireFormat format, TimeSpan heartbeat, Func<ValueTask>? onIdle)
    {
        while (true)
        {
            var item = await events.NextAsync(heartbeat, onIdle) ?? throw new BridgeException(BridgeErrorCode.ApiError, NoAnswer);
            if (item is ChatEvent.Completed || format.Shows(item))
            {
                return item;
            }
        }
    }

    private static async ValueTask DiscardAsync(ValueTask<System.IO.Pipelines.FlushResult> flush) => await flush;

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ChatTurnRunnerAnswerRetried, LogLevel.Information, "Route {RouteId}: answer {Turn} was not usable; running one more turn")]
        public static partial void AnswerRetried(ILogger logger, string routeId, int turn);
    }
}
