using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Pipeline;

/// <summary>
/// The one chat pipeline under every surface: start the turn (the model allow-list is the engine's, from the call),
/// then either collect the answer or stream it. A stream waits for the first shown event before the status is sent,
/// so a failure up to then (usage limit, expired cookies, bad model) is still a normal error with its HTTP status;
/// after it, events are written as they arrive, with heartbeats while upstream is silent.
/// </summary>
internal sealed class ChatTurnRunner
{
    private const string NoAnswer = "Gemini ended the response without an answer.";

    private readonly GeminiWebClient _client;
    private readonly IOptionsMonitor<StreamingOptions> _streaming;
    private readonly TimeProvider _time;

    public ChatTurnRunner(GeminiWebClient client, IOptionsMonitor<StreamingOptions> streaming, TimeProvider time)
    {
        _client = client;
        _streaming = streaming;
        _time = time;
    }

    public async Task RunAsync(BridgeCall call, ChatRequest request, bool stream, IChatWireFormat format)
    {
        await using var turn = await _client.StartChatAsync(call.Upstream, request, call.Aborted);
        if (stream)
        {
            await StreamAsync(call, turn, format);
            return;
        }

        var result = await CollectAsync(turn, call.Aborted);
        await format.WriteAnswerAsync(call, result);
    }

    /// <summary>Reads a turn to its end; the complete answer.</summary>
    public static async Task<ChatResult> CollectAsync(ChatTurn turn, CancellationToken cancellationToken)
    {
        ChatResult? result = null;
        await foreach (var item in turn.ReadEventsAsync(cancellationToken))
        {
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
}
