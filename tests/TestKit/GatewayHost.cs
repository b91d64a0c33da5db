using Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TestKit;

/// <summary>The real gateway on a loopback port (Kestrel, port 0), pointed at a simulator, with every log line captured.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    static GatewayHost()
    {
        // Dozens of hosts live in one test process; inotify instances are capped (128 by default), so file
        // watchers poll instead. Reload tests still see changes (within the polling interval).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private GatewayHost(WebApplication app, Uri address, CapturedLogs logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public CapturedLogs Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="simulator">The upstream.</param>
    /// <param name="settings">Configuration overrides (highest priority).</param>
    /// <param name="services">Extra service registrations.</param>
    /// <param name="relaxedPolicies">
    /// True (default): auth off, limits far away, no block cool-down, no upstream retries and no circuit
    /// breaker, so tests about other things are not disturbed (a fault they script happens exactly once and
    /// one test's failures cannot open a circuit for the next). Policy and resilience tests pass false or set
    /// what they test in <paramref name="settings"/>.
    /// </param>
    /// <param name="args">Extra command-line arguments (e.g. --GATEWAY_CONFIG_DIR=...).</param>
    public static async Task<GatewayHost> StartAsync(Uri simulator, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool relaxedPolicies = true, string[]? args = null)
    {
        var logs = new CapturedLogs();
        var address = simulator.ToString();
        var overrides = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:gemini-web:Destinations:primary:Address"] = address,
            ["GeminiWeb:AccountsBaseUrl"] = address,
            ["GeminiWeb:UploadBaseUrl"] = address,
            ["GeminiWeb:PreflightBaseUrl"] = address,
            ["GeminiWeb:ImageHosts:0"] = address,

            // Protocol §5.4.1 polls at test speed (the production 2 s / 10 s only stretch the wait).
            ["GeminiWeb:Recovery:FirstPoll"] = "00:00:00.020",
            ["GeminiWeb:Recovery:PollInterval"] = "00:00:00.050",
            ["GeminiWeb:Recovery:ResendDelay"] = "00:00:00.020",
        };
        var relaxed = new Dictionary<string, string?>
        {
            // Tests about other things run without keys and far from the limits; policy tests set their own.
            ["Auth:Enabled"] = "false",
            ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:default:PerKey:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:default:PerTenant:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:default:ConcurrentRequestsPerKey"] = "100000",
            ["RateLimiting:Policies:default:ConcurrentUpstreamCallsPerAccount"] = "100000",
            ["RateLimiting:Policies:research:PerIp:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:research:PerKey:PermitLimit"] = "1000000",
            ["RateLimiting:Policies:research:ConcurrentRequestsPerKey"] = "100000",
            ["RateLimiting:Policies:research:ConcurrentUpstreamCallsPerAccount"] = "100000",
            ["BruteForce:Enabled"] = "false",
            ["UpstreamBlock:CoolDown"] = "00:00:00",
            ["Resilience:GeminiWeb:Retry:MaxRetryAttempts"] = "0",
            ["Resilience:GeminiWeb:CircuitBreaker:Enabled"] = "false",

            // No §5.4.2 resends either: a scripted fault happens exactly once. Fidelity tests turn them on.
            ["GeminiWeb:Recovery:MaxResends"] = "0",
        };
        if (relaxedPolicies)
        {
            foreach (var (key, value) in relaxed)
            {
                overrides[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = await GatewayApp.CreateAsync(["--urls", "http://127.0.0.1:0", .. args ?? []], builder =>
        {
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddFilter(_ => true);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
