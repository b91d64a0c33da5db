using BridgeEngine.Client;
using BridgeEngine.Contracts;

namespace Gateway.Compat;

/// <summary>
/// Reads a chat turn's events one at a time. While the response is streaming and upstream is silent, it calls back
/// every heartbeat interval so the writer can send a keep-alive comment (as <c>/api/chat</c> does).
/// </summary>
public sealed class CompatEventReader : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatEvent> _events;
    private readonly TimeProvider _time;

    public CompatEventReader(ChatTurn turn, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
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
