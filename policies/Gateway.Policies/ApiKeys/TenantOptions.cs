using Gateway.Policies.RateLimiting;

namespace Gateway.Policies.ApiKeys;

/// <summary>One team sharing the gateway: its keys (several, so keys rotate without downtime), limits and allowances.</summary>
public sealed class TenantOptions
{
    /// <summary>Lower-case hex SHA-256 of each key (<c>dotnet run --project gateway/Gateway -- hash-key &lt;key&gt;</c>).</summary>
    public IList<string> KeyHashes { get; } = [];

    /// <summary>Plain keys: only from environment variables or a Secret, never from config/*.json (checked at start).</summary>
    public IList<string> Keys { get; } = [];

    /// <summary>Overrides the route policy's per-key window for this tenant's keys.</summary>
    public WindowLimitOptions? PerKey { get; set; }

    /// <summary>Overrides the route policy's per-tenant window.</summary>
    public WindowLimitOptions? PerTenant { get; set; }

    /// <summary>Models this tenant may ask for (ids or names); empty means every model.</summary>
    public IList<string> Models { get; } = [];

    /// <summary>Bridge operations (route metadata "Bridge", e.g. chat, models, research.start) this tenant may use; empty means all.</summary>
    public IList<string> Operations { get; } = [];
}
