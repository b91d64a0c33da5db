using Gateway.Diagnostics;
using Gateway.ApiDocs;
using Gateway.Hosting;
using Gateway.Policies;

namespace Gateway;

/// <summary>
/// Builds the gateway application. Program.cs runs it; tests build it the same way on a loopback port.
/// </summary>
internal static partial class GatewayApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var configArgs = SimulatorMode.WithoutFlag(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs });
        builder.AddGatewayConfiguration(configArgs);

        var simulator = await SimulatorMode.StartIfRequestedAsync(builder, args);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddGatewayCore();
        builder.Services.AddGeminiBridge();
        builder.Services.AddAccountFeatures();
        builder.Services.AddCompatApis();
        builder.Services.AddGatewayPolicies(builder.Configuration);
        builder.Services.AddGatewayProxy(builder.Configuration);
        builder.Services.AddGatewayApiDocs();
        builder.Services.AddGatewayHealthChecks();
        configure?.Invoke(builder);

        // After the caller's configuration: exporters are chosen from it, and a caller that clears the logging
        // providers (tests capture logs) must not remove the OpenTelemetry one.
        builder.AddGatewayTelemetry();

        var app = builder.Build();

        // The gauges (Redis, block cool-downs, circuits) exist from the start, not from the first request.
        app.Services.GetRequiredService<Gateway.Diagnostics.GatewayMetrics>();
        app.UseGatewayPipeline();

        LogAuthMode(app);
        if (simulator is { } running)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Simulator");
            Log.SimulatorStarted(logger, running.Address);
            app.Lifetime.ApplicationStopped.Register(() => running.Server.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        return app;
    }

    private static void LogAuthMode(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Auth");
        var auth = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Gateway.Policies.ApiKeys.AuthOptions>>().CurrentValue;
        if (!auth.Enabled)
        {
            Log.AuthOff(logger);
        }
        else if (app.Services.GetRequiredService<Gateway.Policies.ApiKeys.ApiKeyStore>().Count == 0)
        {
            Log.NoKeys(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.GatewayAppAuthOff, LogLevel.Warning, "API-key authentication is OFF (Auth:Enabled=false): anyone who can reach this port can use it")]
        public static partial void AuthOff(ILogger logger);

        [LoggerMessage(LogEventIds.GatewayAppNoKeys, LogLevel.Warning, "API-key authentication is on but no keys are configured (Auth:Tenants): every API request will be refused with BRIDGE_AUTH_ERROR")]
        public static partial void NoKeys(ILogger logger);

        [LoggerMessage(LogEventIds.GatewayAppSimulatorStarted, LogLevel.Warning, "Simulator mode: every Gemini upstream is the built-in simulator at {Address}; no real Gemini account is used")]
        public static partial void SimulatorStarted(ILogger logger, Uri address);
    }
}
