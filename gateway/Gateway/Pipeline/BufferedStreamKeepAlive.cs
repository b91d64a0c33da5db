namespace Gateway.Pipeline;

/// <summary>
/// Keeps a buffered stream alive (an answer reviewed whole before any of it is sent: emulated tools, structured
/// output), so a long answer or a repair turn does not meet a client's or proxy's idle timeout. Armed when upstream
/// first answers, so a failure before that (usage limit, expired cookies, bad model) is still a plain error with its
/// HTTP status, and an answer accepted within one heartbeat interval is sent exactly as without it. From then on,
/// every heartbeat interval, it starts the response if it has not yet (status, headers and the surface's opening, e.g.
/// OpenAI's role chunk or Anthropic's <c>message_start</c>) and writes the surface's heartbeat (an SSE comment, or
/// Anthropic's <c>ping</c>). Upstream events do not reset the clock: none of them reaches the client until the answer
/// is accepted. Only this loop writes until <see cref="StopAsync"/> returns; then the runner owns the stream.
/// </summary>
internal sealed class BufferedStreamKeepAlive : IAsyncDisposable
{
    private readonly BridgeCall _call;
    private readonly IChatWireFormat _format;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public BufferedStreamKeepAlive(BridgeCall call, IChatWireFormat format, TimeSpan interval, TimeProvider time)
    {
        _call = call;
        _format = format;
        _interval = interval;
        _time = time;
    }

    /// <summary>The response this started, if a heartbeat was due; null while nothing was sent.</summary>
    public EventStream? Stream { get; private set; }

    /// <summary>Whether the surface's opening (<see cref="IChatWireFormat.WriteStreamStartAsync"/>) was written.</summary>
    public bool Opened { get; private set; }

    /// <summary>Upstream answered: heartbeats are due from now on. Later calls change nothing.</summary>
    public void Arm() => _loop ??= RunAsync();

    /// <summary>Ends the heartbeats; after it, <see cref="Stream"/> and <see cref="Opened"/> say what was sent.</summary>
    public async ValueTask StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var aborted = _call.Aborted;
        try
        {
            while (true)
            {
                await Task.Delay(_interval, _time, _stop.Token);

                // The writes run on the request's token, not the stop token: a heartbeat is never cut in half.
                if (Stream is null)
                {
                    Stream = await _call.StartStreamAsync(_format.StreamContentType, _format.WriteStreamErrorAsync);
                }

                if (!Opened)
                {
                    await _format.WriteStreamStartAsync(Stream.Writer, aborted);
                    Opened = true;
                }

                await _format.WriteHeartbeatAsync(Stream.Writer, aborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Stopped, or the caller left: the collecting side sees the latter on its own token and ends the request.
        }
    }
}
