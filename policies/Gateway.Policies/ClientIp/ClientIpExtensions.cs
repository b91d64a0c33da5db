using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.ClientIp;

public static class ClientIpExtensions
{
    /// <summary>
    /// Uses ASP.NET Core's forwarded-headers support with only the configured proxies trusted; the framework's
    /// default trust of loopback is removed, so even local callers cannot spoof their address.
    /// </summary>
    public static IServiceCollection AddClientIpResolution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName);
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();

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

    /// <summary>
    /// The client's address as counted (<see cref="ClientAddressKey"/>), after forwarded headers: computed once
    /// per request. Read at startup like the proxies, so a reload does not move clients between buckets mid-window.
    /// </summary>
    public static string ClientIp(this HttpContext context)
    {
        if (context.Features.Get<ClientAddressFeature>() is { } known)
        {
            return known.Key;
        }

        var prefix = context.RequestServices.GetRequiredService<IOptions<NetworkOptions>>().Value.IPv6PrefixLength;
        var feature = new ClientAddressFeature(ClientAddressKey.Of(context.Connection.RemoteIpAddress, prefix));
        context.Features.Set(feature);
        return feature.Key;
    }
}
