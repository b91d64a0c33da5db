namespace Gateway.Policies.ApiKeys;

/// <summary>
/// API-key authentication (section <c>Auth</c>). On unless configuration turns it off explicitly.
/// Keys are stored as SHA-256 hashes; plain keys are accepted only from the environment or a mounted Secret.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public bool Enabled { get; set; } = true;

    public IDictionary<string, TenantOptions> Tenants { get; } = new Dictionary<string, TenantOptions>(StringComparer.Ordinal);
}
