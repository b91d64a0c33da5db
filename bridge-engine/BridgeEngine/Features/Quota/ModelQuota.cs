namespace BridgeEngine.Features.Quota;

/// <summary>
/// One qpEbW quota item (protocol §14, [LEE] only: best effort). <see cref="Model"/> names the model family the
/// action id stands for (4 pro, 11 flash, 15 flash-thinking) or is null when unknown. <see cref="Limit"/> and
/// <see cref="Remaining"/> are null when upstream said "unlimited" (total 0).
/// </summary>
public sealed record ModelQuota(
    string QuotaId,
    string? Model,
    int? UsagePercent,
    int? Limit,
    int? Remaining,
    bool Unlimited,
    bool? LimitReached,
    DateTimeOffset? ResetsAt);
