namespace Gateway.Policies.RateLimiting;

/// <summary>Section <c>RateLimiting</c>: named policies and the optional Redis store. Reloaded without a restart.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public RedisOptions Redis { get; set; } = new();

    public IDictionary<string, RateLimitPolicyOptions> Policies { get; } = new Dictionary<string, RateLimitPolicyOptions>(StringComparer.OrdinalIgnoreCase);

    public RateLimitPolicyOptions Policy(string name) =>
        Policies.TryGetValue(name, out var policy) ? policy
        : Policies.TryGetValue(RoutePolicyMetadata.DefaultPolicy, out var fallback) ? fallback
        : Empty;

    private static readonly RateLimitPolicyOptions Empty = new();
}
