using System.Threading.RateLimiting;
using Gateway.Policies.ApiKeys;
using Microsoft.Extensions.Options;
using RedisRateLimiting;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// The partitioned limiters (System.Threading.RateLimiting) behind every policy step. A configuration change
/// bumps a generation that is part of each in-memory partition key, so new limits apply at once while the old
/// partitions idle out. With Redis configured, window counters live in Redis (shared by every replica, under
/// keys without the generation) behind a fail-safe wrapper; concurrency limits stay per replica.
/// </summary>
public sealed class LimiterRegistry : IDisposable
{
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<LimitRequest> _windows;
    private readonly PartitionedRateLimiter<(string Partition, int Limit)> _concurrency;
    private int _generation;

    public LimiterRegistry(RedisConnection redis, IOptionsMonitor<RateLimitingOptions> limits, IOptionsMonitor<AuthOptions> auth, TimeProvider time)
    {
        _redis = redis;
        _time = time;
        limits.OnChange(_ => Interlocked.Increment(ref _generation));
        auth.OnChange(_ => Interlocked.Increment(ref _generation));
        _windows = PartitionedRateLimiter.Create<LimitRequest, string>(request =>
        {
            var window = request.Window;
            var key = $"{request.Dimension}:{request.Policy}:{request.Value}:{window.Kind}:{window.PermitLimit}:{window.Window.Ticks}";
            return RateLimitPartition.Get(Volatile.Read(ref _generation) + "|" + key, _ => CreateWindowLimiter(request));
        });
        _concurrency = PartitionedRateLimiter.Create<(string Partition, int Limit), string>(request =>
            RateLimitPartition.GetConcurrencyLimiter(Volatile.Read(ref _generation) + "|" + request.Partition + "|" + request.Limit, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = request.Limit,
                QueueLimit = 0,
            }));
    }

    public ValueTask<RateLimitLease> AcquireWindowAsync(LimitRequest request, CancellationToken cancellationToken) =>
        _windows.AcquireAsync(request, 1, cancellationToken);

    public RateLimitLease AcquireConcurrency(string partition, int limit) => _concurrency.AttemptAcquire((partition, limit));

    private RateLimiter CreateWindowLimiter(LimitRequest request)
    {
        var window = request.Window;
        if (_redis.IsConfigured)
        {
            // The Redis key is the same on every replica: dimension, policy and partition only.
            var redisKey = $"{_redis.KeyPrefix}{request.Dimension}:{request.Policy}:{request.Value}";
            RateLimiter inner = window.Kind == WindowKind.SlidingWindow
                ? new RedisSlidingWindowRateLimiter<string>(redisKey, new RedisSlidingWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, ConnectionMultiplexerFactory = () => _redis.Multiplexer })
                : new RedisFixedWindowRateLimiter<string>(redisKey, new RedisFixedWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, ConnectionMultiplexerFactory = () => _redis.Multiplexer });
            return new FailSafeRateLimiter(inner, _redis);
        }

        return window.Kind == WindowKind.SlidingWindow
            ? new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, SegmentsPerWindow = window.SegmentsPerWindow, QueueLimit = 0, AutoReplenishment = true })
            : new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, QueueLimit = 0, AutoReplenishment = true });
    }

    public void Dispose()
    {
        _windows.Dispose();
        _concurrency.Dispose();
    }
}
