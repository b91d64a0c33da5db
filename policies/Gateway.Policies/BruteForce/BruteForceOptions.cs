namespace Gateway.Policies.BruteForce;

/// <summary>Section <c>BruteForce</c>: block a client IP after repeated credential or key failures.</summary>
public sealed class BruteForceOptions
{
    public const string SectionName = "BruteForce";

    public bool Enabled { get; set; } = true;

    /// <summary>Failures (wrong or missing API key, malformed cookies) from one address within <see cref="Window"/>.</summary>
    public int MaxFailures { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(15);
}
