using Gateway.Policies.ApiKeys;
using Gateway.Policies.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Policies;

/// <summary>Issue 18: charging in-memory windows allocates nothing per request once the partitions exist.</summary>
public sealed class InMemoryLimiterAllocationTests
{
    [Fact]
    public async Task ChargingThreeWindows_AllocatesNothingPerRequest()
    {
        var limits = new RateLimitingOptions();
        using var redis = new RedisConnection(new FixedMonitor<RateLimitingOptions>(limits), NullLogger<RedisConnection>.Instance);
        using var registry = new LimiterRegistry(redis, new FixedMonitor<RateLimitingOptions>(limits), new FixedMonitor<AuthOptions>(new AuthOptions()), TimeProvider.System);
        var ip = new WindowLimitOptions { Kind = WindowKind.SlidingWindow, PermitLimit = int.MaxValue, Window = TimeSpan.FromMinutes(1) };
        var key = new WindowLimitOptions { PermitLimit = int.MaxValue, Window = TimeSpan.FromMinutes(1) };
        var tenant = new WindowLimitOptions { PermitLimit = int.MaxValue, Window = TimeSpan.FromMinutes(1) };
        const string address = "203.0.113.9";

        async ValueTask<long> ChargeAsync(int times)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < times; i++)
            {
                var batch = default(WindowBatch);
                batch.Add("ip", "default", address, ip);
                batch.Add("key", "default", "team-a:0123abcd", key);
                batch.Add("tenant", "default", "team-a", tenant);
                var verdict = await registry.ChargeAsync(batch, CancellationToken.None);
                Assert.True(verdict.IsAdmitted);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        await ChargeAsync(10);
        var allocated = await ChargeAsync(10_000);

        Assert.True(allocated < 1024, $"{allocated} bytes for 10,000 requests");
    }

    private sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
