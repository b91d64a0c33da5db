using Microsoft.Extensions.Hosting;

namespace Gateway.Policies.RateLimiting;

/// <summary>Opens the Redis connection while the host starts, before Kestrel takes requests.</summary>
public sealed class RedisWarmUp : IHostedLifecycleService
{
    private readonly RedisConnection _redis;

    public RedisWarmUp(RedisConnection redis)
    {
        _redis = redis;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => _redis.WarmUpAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
