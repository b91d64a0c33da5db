using Gateway.Policies.Diagnostics;
using BridgeEngine.Errors;
using Gateway.Policies.ClientIp;
using Gateway.Policies.Outcome;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.ApiKeys;

/// <summary>
/// Pipeline step: accepts the request only with a known bridge API key (unless auth is off or the route is
/// anonymous), and records the tenant for the steps after it. The key never reaches a log line.
/// </summary>
public sealed partial class ApiKeyPolicy
{
    private readonly RequestDelegate _next;
    private readonly ApiKeyStore _store;
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly ILogger<ApiKeyPolicy> _logger;

    public ApiKeyPolicy(RequestDelegate next, ApiKeyStore store, IOptionsMonitor<AuthOptions> options, ILogger<ApiKeyPolicy> logger)
    {
        _next = next;
        _store = store;
        _options = options;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!_options.CurrentValue.Enabled || RoutePolicyMetadata.AllowsAnonymous(context))
        {
            context.Features.Set(new TenantFeature(TenantFeature.AnonymousTenant, TenantFeature.AnonymousTenant, null));
            return _next(context);
        }

        var key = ApiKeyHeaders.Read(context.Request);
        if (key is null)
        {
            Log.Rejected(_logger, context.ClientIp(), "missing");
            return PolicyRejection.RejectAsync(context, BridgeErrorCode.BridgeAuthError, "Missing x-bridge-api-key header.");
        }

        var tenant = _store.Find(key);
        if (tenant is null)
        {
            Log.Rejected(_logger, context.ClientIp(), "unknown");
            return PolicyRejection.RejectAsync(context, BridgeErrorCode.BridgeAuthError, "Invalid x-bridge-api-key.");
        }

        var operation = RoutePolicyMetadata.Operation(context);
        if (operation is not null && tenant.Tenant is { Operations.Count: > 0 } allowed
            && !allowed.Operations.Any(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase)))
        {
            return PolicyRejection.RejectAsync(context, BridgeErrorCode.BridgeAuthError, $"This API key may not use '{operation}'.");
        }

        context.Features.Set(tenant);
        return _next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ApiKeyPolicyRejected, LogLevel.Information, "API key {Reason} from {ClientIp}")]
        public static partial void Rejected(ILogger logger, string clientIp, string reason);
    }
}
