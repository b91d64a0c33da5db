using BridgeEngine.Contracts;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Pipeline step: caps the upstream calls one Gemini account has in flight through this replica. The
/// partition is a keyed hash of the cookie; the cookie itself is never stored or logged.
/// </summary>
public sealed class AccountConcurrencyPolicy
{
    private const string PsidHeader = "x-gemini-psid";

    private readonly RequestDelegate _next;
    private readonly LimiterRegistry _limiters;
    private readonly CredentialFingerprint _fingerprint;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;

    public AccountConcurrencyPolicy(RequestDelegate next, LimiterRegistry limiters, CredentialFingerprint fingerprint, IOptionsMonitor<RateLimitingOptions> options)
    {
        _next = next;
        _limiters = limiters;
        _fingerprint = fingerprint;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = _options.CurrentValue.Policy(RoutePolicyMetadata.RateLimitPolicy(context)).ConcurrentUpstreamCallsPerAccount;
        if (limit is not int cap || context.Request.Headers[PsidHeader] is not { Count: 1 } psid || string.IsNullOrEmpty(psid[0]))
        {
            await _next(context);
            return;
        }

        using var lease = _limiters.AcquireConcurrency("account", _fingerprint.Of(psid[0]!), cap);
        if (!lease.IsAcquired)
        {
            await RateLimitRejection.RejectAsync(context, lease, $"this Gemini account already has {cap} calls in flight", null);
            return;
        }

        await _next(context);
    }
}
