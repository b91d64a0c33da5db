using BridgeEngine.Errors;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// One token that fires on the caller's cancellation, the total budget, or upstream silence longer than the
/// idle budget. <see cref="ResetIdle"/> is called on every read, as YARP's StreamCopier does.
/// </summary>
internal sealed class UpstreamTimeouts : IDisposable
{
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _caller;
    private readonly TimeSpan _idleBudget;

    public UpstreamTimeouts(GeminiTimeoutOptions options, TimeProvider timeProvider, CancellationToken caller)
    {
        _caller = caller;
        _idleBudget = options.Idle;
        _total = new CancellationTokenSource(options.Total, timeProvider);
        _idle = new CancellationTokenSource(options.Idle, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _total.Token, _idle.Token);
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller, _total.Token);
        TimeProvider = timeProvider;
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>The caller's cancellation and the total budget, without the idle watchdog: what a recovery after a stall still has (§5.4.1).</summary>
    public CancellationToken Deadline => _deadline.Token;

    /// <summary>True when upstream silence (not the caller, not the total budget) ended the read.</summary>
    public bool IdleFired => _idle.IsCancellationRequested && !_total.IsCancellationRequested && !_caller.IsCancellationRequested;

    public TimeProvider TimeProvider { get; }

    /// <summary>Waits inside the deadline; false when the deadline would pass first (the wait is then not started).</summary>
    public async Task<bool> DelayAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !Deadline.IsCancellationRequested;
        }

        await Task.Delay(delay, TimeProvider, Deadline).ConfigureAwait(false);
        return true;
    }

    public bool CallerCancelled => _caller.IsCancellationRequested;

    public void ResetIdle() => _idle.CancelAfter(_idleBudget);

    /// <summary>
    /// Translates a cancellation into TIMEOUT when a budget (not the caller) ended it; the caller's own
    /// cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public Exception Translate(Exception exception)
    {
        if (exception is BridgeException || _caller.IsCancellationRequested)
        {
            return exception;
        }

        if (_idle.IsCancellationRequested && !_total.IsCancellationRequested)
        {
            return new BridgeException(BridgeErrorCode.Timeout, $"Gemini sent nothing for {_idleBudget.TotalSeconds:0.#} s.", null, exception);
        }

        if (_total.IsCancellationRequested)
        {
            return new BridgeException(BridgeErrorCode.Timeout, "Gemini did not finish within the total time budget.", null, exception);
        }

        return exception;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
        _idle.Dispose();
        _total.Dispose();
    }
}
