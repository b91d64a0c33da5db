using BridgeEngine.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Policies.Outcome;

public static class PolicyRejection
{
    /// <summary>Records the outcome, then answers through the host's writer; the pipeline stops here.</summary>
    public static Task RejectAsync(HttpContext context, BridgeErrorCode code, string message, TimeSpan? retryAfter = null)
    {
        var outcome = RequestOutcomeFeature.For(context);
        outcome.Code = code;
        outcome.FromUpstream = false;
        return context.RequestServices.GetRequiredService<IPolicyRejectionWriter>().RejectAsync(context, code, message, retryAfter);
    }
}
