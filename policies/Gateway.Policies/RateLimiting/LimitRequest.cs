namespace Gateway.Policies.RateLimiting;

/// <summary>One counter to charge: a dimension (ip, key, tenant), its partition value and the window to apply.</summary>
public readonly record struct LimitRequest(string Dimension, string Policy, string Value, WindowLimitOptions Window);
