namespace Gateway.Policies.RateLimiting;

/// <summary>Shared counters for all replicas. Redis holds counters only, never keys or cookies.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. "redis:6379". Empty means in-memory counters.</summary>
    public string? Configuration { get; set; }

    /// <summary>What a limit does while Redis is unreachable: let requests through (Open) or refuse them (Closed).</summary>
    public RedisFailureMode FailureMode { get; set; } = RedisFailureMode.Open;

    public string KeyPrefix { get; set; } = "gw:rl:";

    /// <summary>How long one Redis call may take before the failure mode applies.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
