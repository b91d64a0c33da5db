using GeminiSimulator;

namespace Gateway.Hosting;

/// <summary>
/// <c>--simulator</c>: starts the built-in Gemini web simulator on a loopback port and points every upstream
/// host (the YARP cluster and the engine's other hosts) at it, for anyone without a Gemini account or internet.
/// </summary>
public static class SimulatorMode
{
    public const string Flag = "--simulator";

    public static bool IsRequested(string[] args) => args.Contains(Flag, StringComparer.OrdinalIgnoreCase);

    public static async Task<SimulatorServer> StartAsync(WebApplicationBuilder builder)
    {
        var simulator = await SimulatorServer.StartAsync();
        var address = simulator.BaseAddress.ToString();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:gemini-web:Destinations:primary:Address"] = address,
            ["GeminiWeb:AppBaseUrl"] = address,
            ["GeminiWeb:AccountsBaseUrl"] = address,
            ["GeminiWeb:UploadBaseUrl"] = address,

            // A local sandbox without keys: the start log says so. Set Auth__Enabled=true to try keys here too.
            ["Auth:Enabled"] = builder.Configuration["Auth:Enabled"] ?? "false",

        });

        // One person trying the playground reloads pages and models often: the per-IP window is widened,
        // unless the environment or command line names its own value.
        if (Environment.GetEnvironmentVariable("RateLimiting__Policies__default__PerIp__PermitLimit") is null
            && !Environment.GetCommandLineArgs().Any(a => a.Contains("RateLimiting:Policies:default:PerIp:PermitLimit", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "6000" });
        }
        return simulator;
    }
}
