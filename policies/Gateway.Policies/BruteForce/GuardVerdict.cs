namespace Gateway.Policies.BruteForce;

/// <summary>What the guard says about a request before it goes on: pass, wait first, or refuse for a while.</summary>
public readonly record struct GuardVerdict(TimeSpan Delay, TimeSpan? BlockedFor)
{
    public static GuardVerdict Pass => default;

    public bool IsBlocked => BlockedFor is not null;
}
