using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.ClientIp;

/// <summary>Fails the start on a network setting that cannot work, naming the key.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var errors = new List<string>();
        if (options.IPv6PrefixLength is < 1 or > 128)
        {
            errors.Add("Network:IPv6PrefixLength must be between 1 and 128.");
        }

        if (options.ForwardLimit < 1)
        {
            errors.Add("Network:ForwardLimit must be at least 1.");
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            var entry = options.TrustedProxies[i];
            var valid = entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _);
            if (!valid)
            {
                errors.Add($"Network:TrustedProxies:{i} ('{entry}') is neither an IP address nor a CIDR range.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
