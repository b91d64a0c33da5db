using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Policies.Outcome;

namespace Gateway.Policies.UpstreamBlock;

/// <summary>
/// Pipeline step around the bridge dispatch, in the shape of YARP's passive health checks: while the egress or the
/// caller's cookie identity is paused after a block (protocol §15.1), answer TEMPORARILY_BLOCKED at once with the
/// exact rest as Retry-After, without calling Google. Blocks are reported by the engine itself
/// (<see cref="IUpstreamBlockSink"/>), so only what Google actually refused is paused.
/// </summary>
public sealed class UpstreamBlockPolicy
{
    private const string PsidHeader = "x-gemini-psid";
    private readonly RequestDelegate _next;
    private readonly UpstreamBlockState _state;
    private readonly CredentialFingerprint _fingerprint;

    public UpstreamBlockPolicy(RequestDelegate next, UpstreamBlockState state, CredentialFingerprint fingerprint)
    {
        _next = next;
        _state = state;
        _fingerprint = fingerprint;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var psid = context.Request.Headers[PsidHeader].ToString();
        var admission = _state.Admit(Egress(context), psid.Length > 0 ? _fingerprint.Of(psid) : null);
        if (admission.IsRefused)
        {
            var message = admission.RefusedIdentity
                ? "Google refused requests for these cookies (Gemini error 1060); calls for them are paused to let the block expire."
                : "Google flagged the gateway's network address; upstream calls are paused to let the block expire.";
            await PolicyRejection.RejectAsync(context, BridgeErrorCode.TemporarilyBlocked, message, admission.RetryAfter);
            return;
        }

        try
        {
            await _next(context);
        }
        finally
        {
            _state.Settle(admission);
        }
    }

    private static string Egress(HttpContext context)
    {
        var destinations = context.GetReverseProxyFeature().AvailableDestinations;
        return destinations.Count > 0 ? destinations[0].Model.Config.Address : "default";
    }
}
