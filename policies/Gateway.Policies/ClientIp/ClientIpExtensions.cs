using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Policies.ClientIp;

public static class ClientIpExtensions
{
    /// <summary>
    /// Uses ASP.NET Core's forwarded-headers support with only the configured proxies trusted; the framework's
    /// default trust of loopback is removed, so even local callers cannot spoof their address.
    /// </summary>
    public static IServiceCollection AddClientIpResolution(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed (after every configuration source is in), not at registration.
        services.AddOptions<ForwardedHeadersOptions>().Configure(options =>
        {
            var network = configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions();
            // With no proxy listed, the middleware would trust every sender (empty lists mean "any"), so the
            // header is not read at all.
            options.ForwardedHeaders = network.TrustedProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = network.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the default loopback entry; clear it too.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var entry in network.TrustedProxies)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
        return services;
    }

    public static string ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
