using Microsoft.Extensions.Options;

namespace BridgeEngine.Protocol;

/// <summary>Rejects a bad <c>GeminiWeb</c> section at start, naming the key, instead of at the first request.</summary>
public sealed class GeminiWebOptionsValidator : IValidateOptions<GeminiWebOptions>
{
    public ValidateOptionsResult Validate(string? name, GeminiWebOptions options)
    {
        var errors = new List<string>();
        CheckUrl(errors, "GeminiWeb:AppBaseUrl", options.AppBaseUrl);
        CheckUrl(errors, "GeminiWeb:AccountsBaseUrl", options.AccountsBaseUrl);
        CheckUrl(errors, "GeminiWeb:UploadBaseUrl", options.UploadBaseUrl);
        CheckUrl(errors, "GeminiWeb:PreflightBaseUrl", options.PreflightBaseUrl);
        for (var i = 0; i < options.ImageHosts.Count; i++)
        {
            CheckUrl(errors, $"GeminiWeb:ImageHosts:{i}", options.ImageHosts[i]);
        }
        if (options.Proxy is not null)
        {
            CheckUrl(errors, "GeminiWeb:Proxy", options.Proxy);
        }

        var t = options.Timeouts;
        if (t.Connect <= TimeSpan.Zero)
        {
            errors.Add("GeminiWeb:Timeouts:Connect must be positive.");
        }

        if (t.Idle <= TimeSpan.Zero)
        {
            errors.Add("GeminiWeb:Timeouts:Idle must be positive.");
        }

        if (t.Total < t.Idle)
        {
            errors.Add("GeminiWeb:Timeouts:Total must be at least GeminiWeb:Timeouts:Idle.");
        }

        if (options.SessionCache.Lifetime <= TimeSpan.Zero || options.SessionCache.Lifetime > TimeSpan.FromHours(1))
        {
            errors.Add("GeminiWeb:SessionCache:Lifetime must be between 0 and 1 hour (the token is session-scoped).");
        }

        if (options.SessionCache.MaxEntries < 1)
        {
            errors.Add("GeminiWeb:SessionCache:MaxEntries must be at least 1.");
        }

        if (options.MaxConnectionsPerServer < 1)
        {
            errors.Add("GeminiWeb:MaxConnectionsPerServer must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            errors.Add("GeminiWeb:UserAgent must not be empty.");
        }

        // §2.6: a Firefox User-Agent with Chrome client hints is the one mix Google sign-in is known to reject.
        if (options.ClientIdentity.ClientHints && options.UserAgent.Contains("Firefox", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("GeminiWeb:ClientIdentity:ClientHints must be false with a Firefox GeminiWeb:UserAgent (Chrome client hints would contradict it).");
        }

        var r = options.Recovery;
        if (r.MaxResends is < 0 or > 2)
        {
            errors.Add("GeminiWeb:Recovery:MaxResends must be between 0 and 2 (protocol §5.4.2).");
        }

        if (r.FirstPoll < TimeSpan.Zero || r.PollInterval <= TimeSpan.Zero || r.ResendDelay < TimeSpan.Zero || r.MaxPollsWithoutContext < 0)
        {
            errors.Add("GeminiWeb:Recovery: FirstPoll, ResendDelay and MaxPollsWithoutContext must not be negative, PollInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key} must be an absolute http or https URL.");
        }
    }
}
