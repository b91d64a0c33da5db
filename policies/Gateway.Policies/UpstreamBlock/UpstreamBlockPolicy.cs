using BridgeEngine.Errors;
using Gateway.Policies.Outcome;

namespace Gateway.Policies.UpstreamBlock;

/// <summary>
/// Pipeline step around the bridge dispatch, in the shape of YARP's passive health checks: while the egress
/// cools down after a block, answer TEMPORARILY_BLOCKED at once without calling Google; after a request,
/// if upstream said "blocked", start the cool-down.
/// </summary>
public sealed class UpstreamBlockPolicy
{
    private readonly RequestDelegate _next;
    private readonly UpstreamBlockState _state;

    public UpstreamBlockPolicy(RequestDelegate next, UpstreamBlockState state)
    {
        _next = next;
        _state = state;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var egress = Egress(context);
        if (_state.Remaining(egress) is { } left)
        {
            await PolicyRejection.RejectAsync(context, BridgeErrorCode.TemporarilyBlocked, "Google flagged the gateway's network address; upstream calls are paused to let the block expire.", left);
            return;
        }

        await _next(context);

        if (context.Features.Get<RequestOutcomeFeature>() is { FromUpstream: true, Code: BridgeErrorCode.TemporarilyBlocked })
        {
            _state.Flag(egress);
        }
    }

    private static string Egress(HttpContext context)
    {
        var destinations = context.GetReverseProxyFeature().AvailableDestinations;
        return destinations.Count > 0 ? destinations[0].Model.Config.Address : "default";
    }
}
