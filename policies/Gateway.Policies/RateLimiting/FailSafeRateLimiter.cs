using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Wraps a Redis-backed limiter: while Redis answers, its verdict stands; when it does not, the configured
/// failure mode decides (open: let through, closed: refuse), and the connection's health records it.
/// </summary>
public sealed class FailSafeRateLimiter : RateLimiter
{
    private readonly RateLimiter _inner;
    private readonly RedisConnection _redis;

    public FailSafeRateLimiter(RateLimiter inner, RedisConnection redis)
    {
        _inner = inner;
        _redis = redis;
    }

    public override TimeSpan? IdleDuration => _inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await _inner.AcquireAsync(permitCount, cancellationToken);
            _redis.ReportSuccess();
            return lease;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            _redis.ReportFailure(ex);
            return _redis.FailureMode == RedisFailureMode.Open ? FallbackLease.Granted : FallbackLease.Refused;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class FallbackLease : RateLimitLease
    {
        public static readonly FallbackLease Granted = new(true);
        public static readonly FallbackLease Refused = new(false);

        private FallbackLease(bool acquired)
        {
            IsAcquired = acquired;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name && !IsAcquired ? TimeSpan.FromSeconds(1) : null;
            return metadata is not null;
        }
    }
}
