namespace Gateway.Policies.RateLimiting;

/// <summary>
/// The answer for a <see cref="WindowBatch"/>: every window charged, or the position of the first that was full
/// (windows before it were charged, the ones after it were not, as if each had been asked in turn).
/// </summary>
public readonly record struct WindowVerdict(int RejectedAt, TimeSpan? RetryAfter)
{
    public static WindowVerdict Admitted => new(-1, null);

    public bool IsAdmitted => RejectedAt < 0;
}
