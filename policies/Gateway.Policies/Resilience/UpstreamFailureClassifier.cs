using System.Net;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Polly;
using Polly.Timeout;

namespace Gateway.Policies.Resilience;

/// <summary>
/// The one place that says which upstream attempts are failures for retry and circuit breaker. The wire
/// knowledge (what a block redirect looks like) stays in the engine's <see cref="RedirectClassifier"/>.
/// Auth failures (401/403, sign-in redirects) and usage limits (an error inside HTTP 200) are answers, not
/// failures: retrying them cannot help and counting them would let one bad cookie open the circuit for all.
/// </summary>
public static class UpstreamFailureClassifier
{
    public static UpstreamFailureKind Classify(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException ? UpstreamFailureKind.Transient : UpstreamFailureKind.None;
        }

        var response = outcome.Result;
        if (response is null)
        {
            return UpstreamFailureKind.None;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // §4, §15.1: a RotateCookies 429 is a rotation rate limit, not a block of the egress.
            return UpstreamRequestOptions.OperationOf(response.RequestMessage) == UpstreamRequestOptions.RotateCookies
                ? UpstreamFailureKind.None
                : UpstreamFailureKind.Blocked;
        }

        if (RedirectClassifier.IsRedirect(response.StatusCode))
        {
            return RedirectClassifier.Classify(response.Headers.Location, "upstream") is { Code: BridgeErrorCode.TemporarilyBlocked }
                ? UpstreamFailureKind.Blocked
                : UpstreamFailureKind.None;
        }

        return IsServerError(response.StatusCode) ? UpstreamFailureKind.ServerError : UpstreamFailureKind.None;
    }

    public static bool IsServerError(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.RequestTimeout;
}
