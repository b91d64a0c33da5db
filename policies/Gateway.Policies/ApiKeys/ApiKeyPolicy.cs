using Gateway.Policies.Diagnostics;
using BridgeEngine.Errors;
using Gateway.Policies.BruteForce;
using Gateway.Policies.ClientIp;
using Gateway.Policies.Outcome;
using Microsoft.Extensions.Logging;

namespace Gateway.Policies.ApiKeys;

/// <summary>
/// Pipeline step: accepts the request only with a known bridge API key (unless auth is off or the route is
/// anonymous), and records the tenant for the steps after it. The brute-force guard's (address, tenant) verdict
/// applies here, once it is known whose request this is: a valid key answers for its own tenant's failures only.
/// The key never reaches a log line.
/// </summary>
public sealed partial class ApiKeyPolicy
{
    private const string BlockedMessage = "Too many failed credential attempts from this address; try again later.";

    private readonly RequestDelegate _next;
    private readonly ApiKeyResolver _resolver;
    private readonly BruteForceGuard _guard;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiKeyPolicy> _logger;

    public ApiKeyPolicy(RequestDelegate next, ApiKeyResolver resolver, BruteForceGuard guard, TimeProvider time, ILogger<ApiKeyPolicy> logger)
    {
        _next = next;
        _resolver = resolver;
        _guard = guard;
        _time = time;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var resolution = _resolver.Resolve(context);
        switch (resolution.Status)
        {
            case ApiKeyStatus.Missing:
                Log.Rejected(_logger, context.ClientIp(), "missing");
                return GuardedAsync(context, BruteForceGuard.NoTenant, static c => PolicyRejection.RejectAsync(c, BridgeErrorCode.BridgeAuthError, "Missing x-bridge-api-key header."));
            case ApiKeyStatus.Unknown:
                Log.Rejected(_logger, context.ClientIp(), "unknown");
                return GuardedAsync(context, BruteForceGuard.NoTenant, static c => PolicyRejection.RejectAsync(c, BridgeErrorCode.BridgeAuthError, "Invalid x-bridge-api-key."));
            case ApiKeyStatus.OperationDenied:
                return PolicyRejection.RejectAsync(context, BridgeErrorCode.BridgeAuthError, $"This API key may not use '{resolution.Operation}'.");
            default:
                var tenant = resolution.Tenant!;
                context.Features.Set(tenant);
                return GuardedAsync(context, tenant.TenantId, _next);
        }
    }

    /// <summary>Blocked pairs are refused; pairs past the slow-down threshold wait first; the rest go on at once.</summary>
    private Task GuardedAsync(HttpContext context, string tenant, RequestDelegate then)
    {
        var verdict = _guard.Check(context.ClientIp(), tenant);
        if (verdict.BlockedFor is { } left)
        {
            return PolicyRejection.RejectAsync(context, BridgeErrorCode.TemporarilyBlocked, BlockedMessage, left);
        }

        return verdict.Delay > TimeSpan.Zero ? DelayThenAsync(context, verdict.Delay, then) : then(context);
    }

    private async Task DelayThenAsync(HttpContext context, TimeSpan delay, RequestDelegate then)
    {
        await Task.Delay(delay, _time, context.RequestAborted);
        await then(context);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ApiKeyPolicyRejected, LogLevel.Information, "API key {Reason} from {ClientIp}")]
        public static partial void Rejected(ILogger logger, string clientIp, string reason);
    }
}
