namespace Gateway.Policies.RateLimiting;

public enum RedisFailureMode
{
    Open,
    Closed,
}
