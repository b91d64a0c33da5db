using BridgeEngine.Protocol;
using Microsoft.Extensions.Options;

namespace Gateway.Proxy;

/// <summary>
/// The Gemini app origin is configured once: as the destination of the YARP cluster <c>gemini-web</c>. Dispatch
/// takes it per request from the route's cluster; this copies it into the engine's options for the calls made
/// outside a bridge route (the image route's Referer, background work), and refuses a second, separate setting.
/// </summary>
internal sealed class AppOriginFromCluster : IPostConfigureOptions<GeminiWebOptions>, IValidateOptions<GeminiWebOptions>
{
    public const string ClusterId = "gemini-web";
    private const string RetiredKey = GeminiWebOptions.SectionName + ":AppBaseUrl";

    private readonly IConfiguration _configuration;

    public AppOriginFromCluster(IConfiguration configuration)
    {
        _configuration = configuration;
    }

    public void PostConfigure(string? name, GeminiWebOptions options)
    {
        var destinations = _configuration.GetSection($"ReverseProxy:Clusters:{ClusterId}:Destinations").GetChildren();
        var address = destinations.Select(destination => destination["Address"]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        if (address is not null && Uri.TryCreate(address, UriKind.Absolute, out var origin))
        {
            options.AppBaseUrl = origin;
        }
    }

    public ValidateOptionsResult Validate(string? name, GeminiWebOptions options) =>
        _configuration[RetiredKey] is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{RetiredKey} is not read: the Gemini app origin is the destination of the YARP cluster '{ClusterId}' (ReverseProxy:Clusters:{ClusterId}:Destinations in reverse-proxy.json). Remove {RetiredKey}.");
}
