using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.ApiKeys;

/// <summary>
/// Checks the <c>Auth</c> section at start: hashes are well formed, and plain keys never come from a JSON file
/// (they belong in the environment or a mounted Secret, not in a ConfigMap or the repository).
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private readonly IConfiguration _configuration;

    public AuthOptionsValidator(IConfiguration configuration)
    {
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        foreach (var (tenantId, tenant) in options.Tenants)
        {
            for (var i = 0; i < tenant.KeyHashes.Count; i++)
            {
                var hash = tenant.KeyHashes[i];
                if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
                {
                    errors.Add($"Auth:Tenants:{tenantId}:KeyHashes:{i} must be a SHA-256 hash in hex (64 characters).");
                }
            }

            for (var i = 0; i < tenant.Keys.Count; i++)
            {
                if (tenant.Keys[i].Length < 16)
                {
                    errors.Add($"Auth:Tenants:{tenantId}:Keys:{i} is too short to be a key (at least 16 characters).");
                }
            }
        }

        if (_configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
            {
                foreach (var tenantId in provider.GetChildKeys([], "Auth:Tenants").Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (provider.GetChildKeys([], $"Auth:Tenants:{tenantId}:Keys").Any())
                    {
                        errors.Add($"Auth:Tenants:{tenantId}:Keys is set in {provider.Source.Path}: plain keys may only come from environment variables or a mounted Secret; put KeyHashes in files.");
                    }
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
