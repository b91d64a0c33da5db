using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Window counters in Redis, shared by every replica: a request's windows in one script call
/// (<see cref="RedisWindowScript"/>), bounded by <c>RateLimiting:Redis:Timeout</c> measured here, not by the
/// client library's timer (which only notices a hung server on its next heartbeat). When Redis fails or does not
/// answer in time, the configured failure mode decides; see <see cref="RedisConnection.ShouldSkip"/> for why most
/// requests during an outage do not even wait.
/// </summary>
internal sealed class RedisWindows
{
    private readonly RedisConnection _redis;

    public RedisWindows(RedisConnection redis)
    {
        _redis = redis;
    }

    public async ValueTask<WindowVerdict> ChargeAsync(WindowBatch batch, CancellationToken requestAborted)
    {
        if (_redis.ShouldSkip())
        {
            return FailureVerdict();
        }

        var keys = new RedisKey[batch.Count];
        var values = new RedisValue[1 + (3 * batch.Count)];
        values[0] = Random.Shared.NextInt64().ToString("x", CultureInfo.InvariantCulture);
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            var sliding = request.Window.Kind == WindowKind.SlidingWindow;

            // The same key on every replica: dimension, policy, partition and the kind (a fixed counter and a
            // sliding log are different Redis types).
            keys[i] = $"{_redis.KeyPrefix}{request.Dimension}:{request.Policy}:{request.Value}:{(sliding ? "s" : "f")}";
            values[1 + (3 * i)] = sliding ? 1 : 0;
            values[2 + (3 * i)] = request.Window.PermitLimit;
            values[3 + (3 * i)] = (long)Math.Max(1, request.Window.Window.TotalMilliseconds);
        }

        Task<RedisResult>? call = null;
        try
        {
            call = _redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(RedisWindowScript.Text, keys, values);
            var result = (RedisResult[])(await call.WaitAsync(_redis.Timeout, requestAborted))!;
            _redis.ReportSuccess();
            var position = (int)result[0];
            return position == 0 ? WindowVerdict.Admitted : new WindowVerdict(position - 1, TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1])));
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            // The caller left; nobody reads the answer. Not a Redis failure.
            Observe(call);
            return FailureVerdict();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or InvalidCastException)
        {
            Observe(call);
            _redis.ReportFailure(ex);
            return FailureVerdict();
        }
    }

    /// <summary>Open: let through. Closed: refuse at the first window, retry in a second.</summary>
    private WindowVerdict FailureVerdict() =>
        _redis.FailureMode == RedisFailureMode.Open ? WindowVerdict.Admitted : new WindowVerdict(0, TimeSpan.FromSeconds(1));

    /// <summary>A call given up on still ends some time; its fault must not surface as an unobserved task exception.</summary>
    private static void Observe(Task? call) =>
        call?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
