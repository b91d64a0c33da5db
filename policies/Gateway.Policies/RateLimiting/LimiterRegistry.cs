using System.Threading.RateLimiting;
using Gateway.Policies.ApiKeys;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// The limiters behind every policy step. Windows (ip, key, tenant) are charged as one batch per request: in
/// memory (<see cref="InMemoryWindows"/>), or with Redis configured in one script call shared by every replica
/// (<see cref="RedisWindows"/>). Concurrency limits stay per replica; a configuration change bumps a generation
/// that is part of their partition key, so new limits apply at once while the old partitions idle out.
/// </summary>
public sealed class LimiterRegistry : IDisposable
{
    private readonly RedisConnection _redis;
    private readonly InMemoryWindows _memory;
    private readonly RedisWindows _shared;
    private readonly PartitionedRateLimiter<ConcurrencyPartition> _concurrency;
    private int _generation;

    public LimiterRegistry(RedisConnection redis, IOptionsMonitor<RateLimitingOptions> limits, IOptionsMonitor<AuthOptions> auth, TimeProvider time)
    {
        _redis = redis;
        _memory = new InMemoryWindows(time);
        _shared = new RedisWindows(redis);
        limits.OnChange(_ => Interlocked.Increment(ref _generation));
        auth.OnChange(_ => Interlocked.Increment(ref _generation));
        _concurrency = PartitionedRateLimiter.Create<ConcurrencyPartition, ConcurrencyPartition>(static request =>
            RateLimitPartition.GetConcurrencyLimiter(request, static key => new ConcurrencyLimiterOptions { PermitLimit = key.Limit, QueueLimit = 0 }));
    }

    /// <summary>True when window counters live in Redis: then a request should charge all its windows in one call.</summary>
    public bool SharesWindows => _redis.IsConfigured;

    /// <summary>Charges the windows in order; in memory this completes synchronously and allocates nothing.</summary>
    public ValueTask<WindowVerdict> ChargeAsync(in WindowBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return ValueTask.FromResult(WindowVerdict.Admitted);
        }

        return _redis.IsConfigured ? _shared.ChargeAsync(batch, cancellationToken) : ValueTask.FromResult(_memory.Charge(batch));
    }

    /// <summary>A concurrency permit of <paramref name="kind"/> ("open", "account") for <paramref name="partition"/>, held until disposed.</summary>
    public RateLimitLease AcquireConcurrency(string kind, string partition, int limit) =>
        _concurrency.AttemptAcquire(new ConcurrencyPartition(Volatile.Read(ref _generation), kind, partition, limit));

    public void Dispose()
    {
        _memory.Dispose();
        _concurrency.Dispose();
    }

    public readonly record struct ConcurrencyPartition(int Generation, string Kind, string Partition, int Limit);
}
