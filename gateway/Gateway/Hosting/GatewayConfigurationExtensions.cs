namespace Gateway.Hosting;

internal static class GatewayConfigurationExtensions
{
    public const string ConfigDirVariable = "GATEWAY_CONFIG_DIR";

    /// <summary>
    /// An optional second directory (a mounted Kubernetes ConfigMap) whose appsettings.json and
    /// reverse-proxy.json override the image's files key by key, and reload when the ConfigMap changes.
    /// </summary>
    public const string OverridesDirVariable = "GATEWAY_CONFIG_OVERRIDES_DIR";

    /// <summary>
    /// Loads the operators' files from the config directory (GATEWAY_CONFIG_DIR, else <c>config/</c> beside
    /// the binary): appsettings.json, appsettings.{Environment}.json and reverse-proxy.json, then the same
    /// names from GATEWAY_CONFIG_OVERRIDES_DIR if set, each reloaded on change. Environment variables and the command line are added again after them, so they still win.
    /// </summary>
    public static WebApplicationBuilder AddGatewayConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var directory = builder.Configuration[ConfigDirVariable] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "config");

        var configuration = builder.Configuration;
        configuration.AddJsonFile(Path.Combine(directory, "appsettings.json"), optional: false, reloadOnChange: true);
        configuration.AddJsonFile(Path.Combine(directory, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: true);
        configuration.AddJsonFile(Path.Combine(directory, "reverse-proxy.json"), optional: false, reloadOnChange: true);
        if (builder.Configuration[OverridesDirVariable] is { Length: > 0 } overrides)
        {
            var overridesDirectory = Path.GetFullPath(overrides);
            configuration.AddJsonFile(Path.Combine(overridesDirectory, "appsettings.json"), optional: true, reloadOnChange: true);
            configuration.AddJsonFile(Path.Combine(overridesDirectory, "reverse-proxy.json"), optional: true, reloadOnChange: true);
        }
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        return builder;
    }
}
