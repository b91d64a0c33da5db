using Gateway.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// The drain after SIGTERM. The host stops listening at once (new connections are refused) and waits for
/// requests in flight; this class gives them <see cref="ShutdownOptions.DrainTimeout"/>, then cancels
/// <see cref="DrainExpired"/>, which bridge operations observe through their request token: a stream still
/// open writes an <c>error</c> event and ends, a plain request not yet answered gets an API_ERROR envelope.
/// </summary>
internal sealed partial class GracefulShutdown : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _drain;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ShutdownOptions _options;
    private readonly ILogger<GracefulShutdown> _logger;
    private CancellationTokenRegistration _registration;

    public GracefulShutdown(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<GracefulShutdown> logger)
    {
        _lifetime = lifetime;
        _options = options.Value;
        _logger = logger;
        _drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    public const string ShuttingDownMessage = "The gateway is shutting down; the answer was cut off. Send the request again.";

    /// <summary>Cancelled when the drain time after SIGTERM ran out.</summary>
    public CancellationToken DrainExpired => _drain.Token;

    public bool IsDrainExpired => _drain.IsCancellationRequested;

    public bool IsStopping => _lifetime.ApplicationStopping.IsCancellationRequested;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = _lifetime.ApplicationStopping.Register(static state => ((GracefulShutdown)state!).BeginDrain(), this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void BeginDrain()
    {
        Log.Draining(_logger, _options.DrainTimeout.TotalSeconds);
        try
        {
            _drain.CancelAfter(_options.DrainTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Stopped before it started: nothing is in flight.
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _drain.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.GracefulShutdownDraining, LogLevel.Warning, "Shutting down: no new connections; requests in flight have {DrainSeconds} s to finish")]
        public static partial void Draining(ILogger logger, double drainSeconds);
    }
}
