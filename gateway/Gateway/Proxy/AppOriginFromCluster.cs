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

    private const string DestinationsKey = $"ReverseProxy:Clusters:{ClusterId}:Destinations";

    public void PostConfigure(string? name, GeminiWebOptions options)
    {
        if (ConfiguredOrigin() is { } origin)
        {
            options.AppBaseUrl = origin;
        }
    }

    public ValidateOptionsResult Validate(string? name, GeminiWebOptions options)
    {
        if (_configuration[RetiredKey] is not null)
        {
            return ValidateOptionsResult.Fail($"{RetiredKey} is not read: the Gemini app origin is the destination of the YARP cluster '{ClusterId}' ({DestinationsKey} in reverse-proxy.json). Remove {RetiredKey}.");
        }

        // Without a usable destination the engine would fall back to its built-in origin without a word: refuse instead.
        return ConfiguredOrigin() is null
            ? ValidateOptionsResult.Fail($"The YARP cluster '{ClusterId}' needs a destination whose Address is an absolute http(s) URL ({DestinationsKey}:<name>:Address in reverse-proxy.json, e.g. https://gemini.google.com/); found {FirstAddress() ?? "none"}.")
            : ValidateOptionsResult.Success;
    }

    private string? FirstAddress() =>
        _configuration.GetSection(DestinationsKey).GetChildren().Select(destination => destination["Address"]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    private Uri? ConfiguredOrigin() =>
        Uri.TryCreate(FirstAddress(), UriKind.Absolute, out var origin) && (origin.Scheme == Uri.UriSchemeHttps || origin.Scheme == Uri.UriSchemeHttp)
            ? origin
            : null;
}
