namespace Gateway.Policies.RateLimiting;

public enum WindowKind
{
    FixedWindow,
    SlidingWindow,
}
