using System.Globalization;
using System.Threading.RateLimiting;
using BridgeEngine.Errors;
using Gateway.Policies.Outcome;

namespace Gateway.Policies.RateLimiting;

/// <summary>Answers an over-limit request: USAGE_LIMIT_EXCEEDED 429 with Retry-After and the RateLimit headers.</summary>
public static class RateLimitRejection
{
    public static Task RejectAsync(HttpContext context, RateLimitLease lease, string what, WindowLimitOptions? window) =>
        RejectAsync(context, RetryAfter(lease), what, window);

    public static Task RejectAsync(HttpContext context, TimeSpan? retryAfterOrNull, string what, WindowLimitOptions? window)
    {
        var retryAfter = retryAfterOrNull ?? window?.Window ?? TimeSpan.FromSeconds(1);
        var headers = context.Response.Headers;
        if (window is not null)
        {
            // IETF draft "RateLimit header fields for HTTP" (RateLimit-Limit/Remaining/Reset, seconds).
            headers["RateLimit-Limit"] = window.PermitLimit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = "0";
            headers["RateLimit-Reset"] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"{window.PermitLimit};w={Math.Max(1, (int)window.Window.TotalSeconds)}");
        }

        return PolicyRejection.RejectAsync(context, BridgeErrorCode.UsageLimitExceeded, $"Rate limit reached: {what}. Retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.", retryAfter);
    }

    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null;
}
