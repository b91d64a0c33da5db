namespace Gateway.Pipeline;

/// <summary>
/// The one keep-alive of a chat stream: when the client has heard nothing for an interval, the surface's heartbeat.
/// It keys on what reached the client, not on upstream, so events a surface does not show (thoughts it hides, an
/// answer buffered for review) do not hold it off. Beats run inline, in the flow that awaits upstream
/// (<see cref="AwaitAsync{T}"/>), so they never interleave with the stream's own writes. Until it is armed
/// (<see cref="Arm"/> or <see cref="Heard"/>) it awaits plainly: a failure before upstream answers stays a plain error
/// with its HTTP status.
/// </summary>
internal sealed class StreamKeepAlive
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, ValueTask> _beat;
    private long _lastHeard;
    private bool _armed;
    private bool _stopped;

    /// <param name="beat">Writes the heartbeat (and, for a buffered stream, whatever must precede the first one).</param>
    public StreamKeepAlive(TimeSpan interval, TimeProvider time, Func<CancellationToken, ValueTask> beat)
    {
        _interval = interval;
        _time = time;
        _beat = beat;
    }

    /// <summary>Heartbeats are due from now on, one interval after this; later calls change nothing.</summary>
    public void Arm()
    {
        if (!_armed)
        {
            Heard();
        }
    }

    /// <summary>Something reached the client: the next heartbeat is one interval from now.</summary>
    public void Heard()
    {
        if (_stopped)
        {
            return;
        }

        _lastHeard = _time.GetTimestamp();
        _armed = true;
    }

    /// <summary>Awaits <paramref name="work"/>, beating each interval of client silence while it runs (once armed).</summary>
    public async ValueTask<T> AwaitAsync<T>(Task<T> work, CancellationToken cancellationToken)
    {
        while (_armed && !work.IsCompleted)
        {
            var due = _interval - _time.GetElapsedTime(_lastHeard);
            if (due > TimeSpan.Zero)
            {
                using var timer = new CancellationTokenSource(due, _time);
                var delay = Task.Delay(Timeout.InfiniteTimeSpan, timer.Token);
                if (await Task.WhenAny(work, delay) == work)
                {
                    break;
                }
            }

            try
            {
                await _beat(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The client left: no more beats. The work still ends (on the request's aborted token) and is awaited,
                // so nothing it holds (an open upstream turn) is left behind.
                (_armed, _stopped) = (false, true);
                break;
            }

            Heard();
        }

        return await work;
    }
}
