using Microsoft.Extensions.Options;

namespace Gateway.Policies.RateLimiting;

/// <summary>Fails the start (or ignores a reload) on a limit that cannot work, naming the key.</summary>
public sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var errors = new List<string>();
        foreach (var (policyName, policy) in options.Policies)
        {
            var prefix = $"RateLimiting:Policies:{policyName}";
            Check(errors, $"{prefix}:PerIp", policy.PerIp);
            Check(errors, $"{prefix}:PerKey", policy.PerKey);
            Check(errors, $"{prefix}:PerTenant", policy.PerTenant);
            if (policy.ConcurrentRequestsPerKey is < 1)
            {
                errors.Add($"{prefix}:ConcurrentRequestsPerKey must be at least 1.");
            }

            if (policy.ConcurrentUpstreamCallsPerAccount is < 1)
            {
                errors.Add($"{prefix}:ConcurrentUpstreamCallsPerAccount must be at least 1.");
            }
        }

        if (options.Redis.Timeout <= TimeSpan.Zero)
        {
            errors.Add("RateLimiting:Redis:Timeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static void Check(List<string> errors, string key, WindowLimitOptions? window)
    {
        if (window is null)
        {
            return;
        }

        if (window.PermitLimit < 1)
        {
            errors.Add($"{key}:PermitLimit must be at least 1.");
        }

        if (window.Window < TimeSpan.FromMilliseconds(10) || window.Window > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}:Window must be between 10 ms and 1 day.");
        }

        if (window.SegmentsPerWindow < 1)
        {
            errors.Add($"{key}:SegmentsPerWindow must be at least 1.");
        }
    }
}
