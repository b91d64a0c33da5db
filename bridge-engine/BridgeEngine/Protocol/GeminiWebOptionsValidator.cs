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
