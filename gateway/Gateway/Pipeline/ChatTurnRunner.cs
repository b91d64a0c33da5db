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
    /// the connection alive (<see cref="StreamOpening"/>). Without a review this is the plain run.
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

        var opening = new StreamOpening(call, format);
        var result = await ReviewedAsync(call, request, review, KeepAliveFor(format, opening));

        var started = await opening.OpenAsync(call.Aborted);
        var writer = started.Writer;

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

    /// <param name="keepAlive">Armed at upstream's first event; beats while a turn is read and while a repair turn starts.</param>
    private async Task<ChatResult> ReviewedAsync(BridgeCall call, ChatRequest request, IAnswerReview review, StreamKeepAlive? keepAlive)
    {
        for (var turns = 1; ; turns++)
        {
            ChatResult result;
            var starting = _client.StartChatAsync(call.Upstream, request, call.Aborted);
            await using (var turn = keepAlive is null ? await starting : await keepAlive.AwaitAsync(starting, call.Aborted))
            {
                result = await CollectAsync(turn, keepAlive, call.Aborted);
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

    /// <param name="keepAlive">Armed by upstream's first event: none of the events reaches the client, so none resets it.</param>
    private static async Task<ChatResult> CollectAsync(ChatTurn turn, StreamKeepAlive? keepAlive, CancellationToken cancellationToken)
    {
        ChatResult? result = null;
        await using var events = new TurnEventReader(turn, cancellationToken);
        while (await events.NextAsync(keepAlive) is { } item)
        {
            keepAlive?.Arm();
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
        await using var events = new TurnEventReader(turn, aborted);

        // Keyed on what the client heard: events this surface does not show (e.g. hidden thoughts) do not hold it off,
        // and if the first one to show is long in coming, a heartbeat starts the response.
        var opening = new StreamOpening(call, format);
        var keepAlive = KeepAliveFor(format, opening);
        var current = await NextShownAsync(events, format, keepAlive);
        var stream = await opening.OpenAsync(aborted);
        var writer = stream.Writer;
        while (true)
        {
            await format.WriteStreamEventAsync(writer, current, aborted);
            stream.FirstEventWritten();
            keepAlive?.Heard();
            if (current is ChatEvent.Completed)
            {
                return;
            }

            current = await NextShownAsync(events, format, keepAlive);
        }
    }

    private static async ValueTask<ChatEvent> NextShownAsync(TurnEventReader events, IChatWireFormat format, StreamKeepAlive? keepAlive)
    {
        while (true)
        {
            var item = await events.NextAsync(keepAlive) ?? throw new BridgeException(BridgeErrorCode.ApiError, NoAnswer);
            keepAlive?.Arm();
            if (item is ChatEvent.Completed || format.Shows(item))
            {
                return item;
            }
        }
    }

    /// <summary>Heartbeats for a surface that sends them, armed when upstream first answers.</summary>
    private StreamKeepAlive? KeepAliveFor(IChatWireFormat format, StreamOpening opening) =>
        format.SendsHeartbeats ? new StreamKeepAlive(_streaming.CurrentValue.HeartbeatInterval, _time, opening.BeatAsync) : null;

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ChatTurnRunnerAnswerRetried, LogLevel.Information, "Route {RouteId}: answer {Turn} was not usable; running one more turn")]
        public static partial void AnswerRetried(ILogger logger, string routeId, int turn);
    }
}
