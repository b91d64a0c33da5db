using BridgeEngine.Client;
using BridgeEngine.Contracts;

namespace Gateway.Pipeline;

/// <summary>
/// Reads a chat turn's events one at a time. While upstream is silent it calls back every heartbeat interval, so a
/// streaming surface can send a keep-alive; an event that is already there is returned without any timer.
/// </summary>
internal sealed class TurnEventReader : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatEvent> _events;
    private readonly TimeProvider _time;

    public TurnEventReader(ChatTurn turn, TimeProvider time, CancellationToken cancellationToken)
    {
        _events = turn.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        _time = time;
    }

    /// <summary>The next event, or null at the end. <paramref name="onIdle"/> runs each <paramref name="interval"/> of silence.</summary>
    public async ValueTask<ChatEvent?> NextAsync(TimeSpan interval, Func<ValueTask>? onIdle)
    {
        var next = _events.MoveNextAsync();
        bool hasNext;
        if (next.IsCompleted || onIdle is null)
        {
            hasNext = await next;
        }
        else
        {
            var pending = next.AsTask();
            while (true)
            {
                using var timer = new CancellationTokenSource(interval, _time);
                var delay = Task.Delay(Timeout.InfiniteTimeSpan, timer.Token);
                if (await Task.WhenAny(pending, delay) == pending)
                {
                    break;
                }

                await onIdle();
            }

            hasNext = await pending;
        }

        return hasNext ? _events.Current : null;
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
