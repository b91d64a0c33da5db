namespace Gateway.Policies.ApiKeys;

/// <summary>Who is calling, once the API key was accepted: a tenant and a key id (never the key itself).</summary>
public sealed class TenantFeature
{
    public TenantFeature(string tenantId, string keyId, TenantOptions? tenant)
    {
        TenantId = tenantId;
        KeyId = keyId;
        Tenant = tenant;
    }

    public const string AnonymousTenant = "anonymous";

    /// <summary>The caller when auth is off or the route is anonymous (one instance: it holds nothing per request).</summary>
    public static TenantFeature Anonymous { get; } = new(AnonymousTenant, AnonymousTenant, null);

    public string TenantId { get; }

    /// <summary>Tenant plus the first 8 hex characters of the key's hash: safe in logs and metrics.</summary>
    public string KeyId { get; }

    public TenantOptions? Tenant { get; }

    public bool AllowsModel(string? model)
    {
        if (Tenant is null || Tenant.Models.Count == 0)
        {
            return true;
        }

        return model is not null && Tenant.Models.Any(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase));
    }
}
