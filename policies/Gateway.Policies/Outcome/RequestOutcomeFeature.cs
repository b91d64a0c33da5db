using BridgeEngine.Errors;

namespace Gateway.Policies.Outcome;

/// <summary>
/// How a request ended, for the policies that act after it ran (block cool-down, brute-force guard).
/// Set by whoever answered: a policy rejection or the bridge dispatch.
/// </summary>
public sealed class RequestOutcomeFeature
{
    public BridgeErrorCode? Code { get; set; }

    /// <summary>True when the code came from upstream (Gemini), not from a gateway policy or input check.</summary>
    public bool FromUpstream { get; set; }

    public static RequestOutcomeFeature For(HttpContext context)
    {
        var feature = context.Features.Get<RequestOutcomeFeature>();
        if (feature is null)
        {
            feature = new RequestOutcomeFeature();
            context.Features.Set(feature);
        }

        return feature;
    }
}
