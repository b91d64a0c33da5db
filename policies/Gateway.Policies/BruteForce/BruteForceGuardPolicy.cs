using BridgeEngine.Errors;
using Gateway.Policies.ApiKeys;
using Gateway.Policies.ClientIp;
using Gateway.Policies.Outcome;

namespace Gateway.Policies.BruteForce;

/// <summary>
/// First pipeline step: refuses a presented credential value that failed too often, and counts credential
/// failures when the request ends. The (address, tenant) pair is judged in the API key step, once the tenant
/// is known (<see cref="ApiKeyPolicy"/>), so a valid key is never held back by failures it did not cause.
/// </summary>
public sealed class BruteForceGuardPolicy
{
    private const string PsidHeader = "x-gemini-psid";
    private const string PsidtsHeader = "x-gemini-psidts";
    private const string BlockedMessage = "Too many failed attempts with this credential; try again later.";

    private readonly RequestDelegate _next;
    private readonly BruteForceGuard _guard;

    public BruteForceGuardPolicy(RequestDelegate next, BruteForceGuard guard)
    {
        _next = next;
        _guard = guard;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_guard.Enabled)
        {
            await _next(context);
            return;
        }

        if (_guard.CountsCredentials && (_guard.CredentialBlockedFor(ApiKeyHeaders.Read(context.Request)) ?? _guard.CredentialBlockedFor(PresentedCookies(context.Request))) is { } left)
        {
            await PolicyRejection.RejectAsync(context, BridgeErrorCode.TemporarilyBlocked, BlockedMessage, left);
            return;
        }

        await _next(context);

        // A wrong or missing key, or a malformed cookie, is what guessing looks like. A request without any
        // cookie is not (a page asking for models before its user typed one), so it is not counted; nor is a
        // valid key refused an operation it may not use.
        switch (context.Features.Get<RequestOutcomeFeature>()?.Code)
        {
            case BridgeErrorCode.BridgeAuthError when context.Features.Get<TenantFeature>() is null:
                _guard.RecordFailure(context.ClientIp(), BruteForceGuard.NoTenant, ApiKeyHeaders.Read(context.Request), "API key");
                break;
            case BridgeErrorCode.InvalidGeminiCredentials:
                var tenant = context.Features.Get<TenantFeature>()?.TenantId ?? BruteForceGuard.NoTenant;
                _guard.RecordFailure(context.ClientIp(), tenant, PresentedCookies(context.Request), "cookie");
                break;
        }
    }

    /// <summary>
    /// The cookies exactly as presented (both headers, every value): a valid cookie sent with a bad partner, or
    /// twice, is a different credential from the same cookie sent properly, so blocking one never blocks the other.
    /// </summary>
    private static string? PresentedCookies(HttpRequest request)
    {
        var psid = request.Headers[PsidHeader];
        var psidts = request.Headers[PsidtsHeader];
        if (psid.Count == 0 && psidts.Count == 0)
        {
            return null;
        }

        return string.Concat(psid.ToString(), "\n", psidts.ToString());
    }
}
