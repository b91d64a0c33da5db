namespace Gateway.Policies.ApiKeys;

/// <summary>What the presented key means for this request; <see cref="Tenant"/> is set for NotRequired (anonymous), OperationDenied and Accepted.</summary>
public readonly record struct ApiKeyResolution(ApiKeyStatus Status, TenantFeature? Tenant, string? Operation);
