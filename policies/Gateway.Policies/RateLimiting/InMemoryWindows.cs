using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Window limiters (System.Threading.RateLimiting) in memory, one per partition, keyed by a struct: charging a
/// window allocates nothing beyond what a limiter itself needs. A reload brings new option objects, hence new
/// partitions with the new limits at once; idle limiters (all permits back) are dropped after a while.
/// </summary>
internal sealed class InMemoryWindows : IDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<Partition, RateLimiter> _limiters = new();
    private readonly ITimer _prune;

    public InMemoryWindows(TimeProvider time)
    {
        _prune = time.CreateTimer(static state => ((InMemoryWindows)state!).Prune(), this, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public WindowVerdict Charge(in WindowBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            using var lease = Limiter(request).AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                return new WindowVerdict(i, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null);
            }
        }

        return WindowVerdict.Admitted;
    }

    private RateLimiter Limiter(in LimitRequest request)
    {
        var key = new Partition(request.Dimension, request.Policy, request.Value, request.Window);
        if (_limiters.TryGetValue(key, out var limiter))
        {
            return limiter;
        }

        lock (_limiters)
        {
            return _limiters.TryGetValue(key, out limiter) ? limiter : _limiters[key] = Create(request.Window);
        }
    }

    private static RateLimiter Create(WindowLimitOptions window) => window.Kind == WindowKind.SlidingWindow
        ? new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, SegmentsPerWindow = window.SegmentsPerWindow, QueueLimit = 0, AutoReplenishment = true })
        : new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = window.PermitLimit, Window = window.Window, QueueLimit = 0, AutoReplenishment = true });

    private void Prune()
    {
        foreach (var (key, limiter) in _limiters)
        {
            if (limiter.IdleDuration is { } idle && idle > IdleAfter + key.Window.Window)
            {
                lock (_limiters)
                {
                    _limiters.TryRemove(key, out _);
                }

                limiter.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _prune.Dispose();
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary>The window options by reference: a reload's new objects are new partitions.</summary>
    private readonly record struct Partition(string Dimension, string Policy, string Value, WindowLimitOptions Window);
}
