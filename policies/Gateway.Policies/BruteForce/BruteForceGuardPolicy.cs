using BridgeEngine.Errors;
using Gateway.Policies.ClientIp;
using Gateway.Policies.Outcome;

namespace Gateway.Policies.BruteForce;

/// <summary>
/// First pipeline step: refuses a client IP that is blocked for repeated credential failures, and counts
/// such failures when the request ends.
/// </summary>
public sealed class BruteForceGuardPolicy
{
    private readonly RequestDelegate _next;
    private readonly BruteForceGuard _guard;

    public BruteForceGuardPolicy(RequestDelegate next, BruteForceGuard guard)
    {
        _next = next;
        _guard = guard;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var ip = context.ClientIp();
        if (_guard.BlockedFor(ip) is { } left)
        {
            await PolicyRejection.RejectAsync(context, BridgeErrorCode.TemporarilyBlocked, "Too many failed credential attempts from this address; try again later.", left);
            return;
        }

        await _next(context);

        // A wrong or missing key, or a malformed cookie, is what guessing looks like. A request without any
        // cookie is not (a page asking for models before its user typed one), so it is not counted.
        if (context.Features.Get<RequestOutcomeFeature>()?.Code is BridgeErrorCode.BridgeAuthError or BridgeErrorCode.InvalidGeminiCredentials)
        {
            _guard.RecordFailure(ip);
        }
    }
}
