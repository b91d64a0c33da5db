using System.Reflection;
using System.Text.Json;

namespace Gateway.Hosting;

/// <summary>
/// <c>GET /_gateway/info</c>: what the web page needs to know about the gateway serving it, and nothing more:
/// whether it runs with <c>--simulator</c> (the page then shows its banner and the <c>[sim:…]</c> help) and the
/// release version. No configuration values, no hosts, no keys: the page may be public.
/// </summary>
internal static class GatewayInfoEndpoint
{
    public const string Path = "/_gateway/info";

    /// <summary>The release version without build metadata (the part after '+', a commit id).</summary>
    private static readonly string Version = ReadVersion();

    public static IEndpointRouteBuilder MapGatewayInfo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, WriteAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, IConfiguration configuration)
    {
        // Read per request: a reloaded configuration is seen without a restart.
        var simulator = bool.TryParse(configuration[SimulatorMode.ActiveKey], out var active) && active;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteBoolean("simulator", simulator);
        json.WriteString("version", Version);
        json.WriteEndObject();
    }

    private static string ReadVersion()
    {
        var assembly = typeof(GatewayInfoEndpoint).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
