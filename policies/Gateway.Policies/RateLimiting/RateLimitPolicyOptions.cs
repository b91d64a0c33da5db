namespace Gateway.Policies.RateLimiting;

/// <summary>
/// One named policy under <c>RateLimiting:Policies</c>; a route picks it with its <c>RateLimitPolicy</c> metadata.
/// A missing limit means "not limited on that dimension".
/// </summary>
public sealed class RateLimitPolicyOptions
{
    public WindowLimitOptions? PerIp { get; set; }

    public WindowLimitOptions? PerKey { get; set; }

    public WindowLimitOptions? PerTenant { get; set; }

    /// <summary>Requests (streams included) one API key may have open at once, per replica.</summary>
    public int? ConcurrentRequestsPerKey { get; set; }

    /// <summary>
    /// Upstream calls one Gemini account may have in flight at once, per replica, so a burst on one account
    /// does not get it (and the egress IP) flagged by Google.
    /// </summary>
    public int? ConcurrentUpstreamCallsPerAccount { get; set; }
}
