using BridgeEngine.Client;
using BridgeEngine.Contracts;

namespace Gateway.Pipeline;

/// <summary>
/// Reads a chat turn's events one at a time. While the next one is awaited, a <see cref="StreamKeepAlive"/> may beat;
/// an event that is already there is returned without any timer.
/// </summary>
internal sealed class TurnEventReader : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatEvent> _events;
    private readonly CancellationToken _cancellationToken;

    public TurnEventReader(ChatTurn turn, CancellationToken cancellationToken)
    {
        _events = turn.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        _cancellationToken = cancellationToken;
    }

    /// <summary>The next event, or null at the end.</summary>
    public async ValueTask<ChatEvent?> NextAsync(StreamKeepAlive? keepAlive)
    {
        var next = _events.MoveNextAsync();
        var hasNext = next.IsCompleted || keepAlive is null
            ? await next
            : await keepAlive.AwaitAsync(next.AsTask(), _cancellationToken);
        return hasNext ? _events.Current : null;
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
