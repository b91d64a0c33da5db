namespace Gateway.Policies.BruteForce;

/// <summary>
/// Section <c>BruteForce</c>: failed credentials (a wrong or missing API key, a malformed cookie) are counted per
/// presented credential and per (client address, tenant) pair; a pair first slows down, then is blocked. A request
/// with a valid key is judged by its own tenant's failures only, so nobody can aim a lockout at someone else.
/// </summary>
public sealed class BruteForceOptions
{
    public const string SectionName = "BruteForce";

    public bool Enabled { get; set; } = true;

    /// <summary>Failures of one pair, or of one presented credential, within <see cref="Window"/> that start a block.</summary>
    public int MaxFailures { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>From this many failures of a pair on, its requests wait before they are answered.</summary>
    public int SlowDownAfter { get; set; } = 5;

    /// <summary>The wait grows by this much per failure past <see cref="SlowDownAfter"/>…</summary>
    public TimeSpan SlowDownStep { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>…up to this.</summary>
    public TimeSpan MaxSlowDown { get; set; } = TimeSpan.FromSeconds(2);
}
