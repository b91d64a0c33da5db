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
        var network = configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = network.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
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
