namespace BridgeEngine.Features.Quota;

/// <summary>
/// The answer of <c>GET /api/quota</c>. Everything past the status is best effort (protocol §14: the quota RPCs
/// are uncertain). <see cref="Given"/> lists the fields upstream actually provided, <see cref="Unknown"/> the ones
/// it did not; unknown fields are null, never guessed.
/// </summary>
public sealed record AccountQuota
{
    public required AccountState Status { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Whether this account can chat now (status 1000 or 1033 and the usage limit not reached, as far as known).</summary>
    public bool Usable { get; init; }

    public AccountTier? Tier { get; init; }

    /// <summary>aPya6c [0]: whether the usage limit is hit now.</summary>
    public bool? LimitReached { get; init; }

    /// <summary>aPya6c [1]: the share of the allowance used, 0..1.</summary>
    public double? UsageFraction { get; init; }

    /// <summary>aPya6c [2][0], else the earliest qpEbW reset.</summary>
    public DateTimeOffset? ResetsAt { get; init; }

    public IReadOnlyList<ModelQuota> Models { get; init; } = [];

    public IReadOnlyList<string> Given { get; init; } = [];

    public IReadOnlyList<string> Unknown { get; init; } = [];

    public bool BestEffort { get; init; } = true;
}
