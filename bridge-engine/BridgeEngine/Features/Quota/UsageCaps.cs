namespace BridgeEngine.Features.Quota;

/// <summary>aPya6c (protocol §14, [LEE], low confidence): <c>[isBlocked, usageFraction, [resetEpoch]]</c>; any part may be missing.</summary>
internal sealed record UsageCaps(bool? LimitReached, double? UsageFraction, DateTimeOffset? ResetsAt);
