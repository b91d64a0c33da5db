using Gateway.Policies.RateLimiting;
using Gateway.Policies.UpstreamBlock;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Policies;

/// <summary>
/// Readiness as the policies see it: Redis reachable (when configured) and egresses in block cool-down.
/// Redis down with fail-open is Degraded (still serving), with fail-closed Unhealthy; a cool-down is Degraded.
/// </summary>
public sealed class PolicyHealthCheck : IHealthCheck
{
    private readonly RedisConnection _redis;
    private readonly UpstreamBlockState _blocks;

    public PolicyHealthCheck(RedisConnection redis, UpstreamBlockState blocks)
    {
        _redis = redis;
        _blocks = blocks;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var status = HealthStatus.Healthy;
        if (_redis.IsConfigured)
        {
            var reachable = await _redis.PingAsync();
            data["redis"] = reachable ? "reachable" : "unreachable";
            data["redisFailureMode"] = _redis.FailureMode.ToString();
            if (!reachable)
            {
                status = _redis.FailureMode == RedisFailureMode.Closed ? HealthStatus.Unhealthy : HealthStatus.Degraded;
            }
        }
        else
        {
            data["redis"] = "not configured (in-memory counters)";
        }

        var blocks = _blocks.Active();
        foreach (var (egress, until) in blocks)
        {
            data["upstreamBlockedUntil:" + egress] = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (blocks.Count > 0 && status == HealthStatus.Healthy)
        {
            status = HealthStatus.Degraded;
        }

        return new HealthCheckResult(status, blocks.Count > 0 ? "upstream block cool-down active" : null, data: data);
    }
}
