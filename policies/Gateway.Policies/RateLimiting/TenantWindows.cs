using Gateway.Policies.ApiKeys;

namespace Gateway.Policies.RateLimiting;

/// <summary>The per-key and per-tenant windows of a tenant on a route policy (tenant overrides first).</summary>
internal static class TenantWindows
{
    public static (int KeyAt, int TenantAt) AddTo(ref WindowBatch batch, TenantFeature tenant, RateLimitPolicyOptions policy, string policyName)
    {
        var keyAt = batch.Add("key", policyName, tenant.KeyId, tenant.Tenant?.PerKey ?? policy.PerKey);
        var tenantAt = batch.Add("tenant", policyName, tenant.TenantId, tenant.Tenant?.PerTenant ?? policy.PerTenant);
        return (keyAt, tenantAt);
    }
}
