using System.Net;
using GeminiSimulator.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeminiSimulator;

/// <summary>A loopback Kestrel server speaking the Gemini web protocol (gemini-web-protocol.md §16).</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private SimulatorServer(WebApplication app, SimulatorState state, CancellationTokenSource stopping)
    {
        _app = app;
        State = state;
        _stopping = stopping;
    }

    /// <summary>Base address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Accounts, conversations and recorded requests.</summary>
    public SimulatorState State { get; }

    /// <summary>Starts the server and waits until it listens.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var endpoint = ParseEndpoint(options.Url);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AllowSynchronousIO = false;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(endpoint);
        });

        var app = builder.Build();
        var state = new SimulatorState(options);
        var stopping = new CancellationTokenSource();
        var server = new SimulatorServer(app, state, stopping);
        var router = new Router(state, () => server.BaseAddress, stopping.Token);
        app.Run(router.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Stops the server; stalled streams and pending gates are released first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _stopping.Dispose();
        }
    }

    /// <summary>Loopback only: "localhost" and unparsable hosts map to 127.0.0.1.</summary>
    private static IPEndPoint ParseEndpoint(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("The simulator serves plain http only.", nameof(url));
        }

        var address = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("The simulator listens on loopback only.", nameof(url));
        }

        return new IPEndPoint(address, uri.Port);
    }
}
