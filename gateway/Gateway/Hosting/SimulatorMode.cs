namespace Gateway.Hosting;

/// <summary>
/// <c>--simulator</c>: starts the built-in Gemini web simulator on a loopback port and points every upstream
/// host (the YARP cluster and the engine's other hosts) at it, for anyone without a Gemini account or internet.
/// The production image is built without the simulator (<c>-p:IncludeSimulator=false</c>); there the flag is refused.
/// </summary>
internal static class SimulatorMode
{
    public const string Flag = "--simulator";

    /// <summary>The configuration key the web front reads to show its simulator banner and help.</summary>
    public const string ActiveKey = "Gateway:SimulatorMode";

#if SIMULATOR
    public const bool IsAvailable = true;
#else
    public const bool IsAvailable = false;
#endif

    public const string UnavailableMessage =
        "This build of the gateway has no simulator (it was published with -p:IncludeSimulator=false); run it from source with 'dotnet run --project gateway/Gateway -- --simulator'.";

    public static bool IsRequested(string[] args) => args.Contains(Flag, StringComparer.OrdinalIgnoreCase);

    /// <summary>The arguments without the flag, so that configuration keys after it are read as keys, not as its value.</summary>
    public static string[] WithoutFlag(string[] args) => args.Where(a => !a.Equals(Flag, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Starts the simulator when <c>--simulator</c> is given; null otherwise. Refused on a build without it.</summary>
    public static Task<(IAsyncDisposable Server, Uri Address)?> StartIfRequestedAsync(WebApplicationBuilder builder, string[] args)
    {
        if (!IsRequested(args))
        {
            return Task.FromResult<(IAsyncDisposable, Uri)?>(null);
        }

#if SIMULATOR
        return StartAsync(builder);
#else
        throw new SimulatorUnavailableException(UnavailableMessage);
#endif
    }

#if SIMULATOR
    private static async Task<(IAsyncDisposable Server, Uri Address)?> StartAsync(WebApplicationBuilder builder)
    {
        var simulator = await GeminiSimulator.SimulatorServer.StartAsync();
        var address = simulator.BaseAddress.ToString();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:gemini-web:Destinations:primary:Address"] = address,
            ["GeminiWeb:AccountsBaseUrl"] = address,
            ["GeminiWeb:UploadBaseUrl"] = address,
            ["GeminiWeb:PreflightBaseUrl"] = address,
            ["GeminiWeb:ImageHosts:0"] = address,
            [ActiveKey] = "true",

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

        // The in-memory values above sit after the command line: give the caller's own keys the last word again.
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(WithoutFlag(Environment.GetCommandLineArgs().Skip(1).ToArray()));
        return (simulator, simulator.BaseAddress);
    }
#endif
}
