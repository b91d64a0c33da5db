using Gateway.Policies.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Policies.RateLimiting;

/// <summary>
/// The one Redis connection for shared counters, and its health. It connects lazily, reconnects by itself,
/// fails fast while disconnected (commands do not queue), and logs a state change once, not per request.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    private readonly IOptionsMonitor<RateLimitingOptions> _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<ConnectionMultiplexer?> _multiplexer;
    private int _healthy = 1;
    private long _skipUntil;

    public RedisConnection(IOptionsMonitor<RateLimitingOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options;
        _logger = logger;
        _multiplexer = new Lazy<ConnectionMultiplexer?>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.CurrentValue.Redis.Configuration);

    public bool IsHealthy => Volatile.Read(ref _healthy) == 1;

    public RedisFailureMode FailureMode => _options.CurrentValue.Redis.FailureMode;

    public string KeyPrefix => _options.CurrentValue.Redis.KeyPrefix;

    /// <summary>How long one request may wait for Redis, all its counters together.</summary>
    public TimeSpan Timeout => _options.CurrentValue.Redis.Timeout;

    /// <summary>
    /// True for one <see cref="Timeout"/> after a failed call: those requests take the failure mode at once
    /// instead of each waiting out a hung server; the first request after that tries Redis again. So during an
    /// outage at most about one request per timeout period waits, and no longer than the timeout.
    /// </summary>
    public bool ShouldSkip() => Environment.TickCount64 < Volatile.Read(ref _skipUntil);

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value ?? throw new InvalidOperationException("Redis is not configured.");

    public void ReportFailure(Exception exception)
    {
        Volatile.Write(ref _skipUntil, Environment.TickCount64 + (long)Timeout.TotalMilliseconds);
        if (Interlocked.Exchange(ref _healthy, 0) == 1)
        {
            Log.RedisDown(_logger, FailureMode.ToString(), exception.GetType().Name, exception);
        }
    }

    public void ReportSuccess()
    {
        if (Interlocked.Exchange(ref _healthy, 1) == 0)
        {
            Log.RedisRecovered(_logger);
        }
    }

    /// <summary>
    /// Connects before the first request (from <see cref="RedisWarmUp"/>): commands fail fast while not
    /// connected, so without this the first burst of requests would all take the failure mode.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }

        var multiplexer = Multiplexer;
        var deadline = TimeSpan.FromSeconds(5);
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(20);
        while (!multiplexer.IsConnected && waited < deadline)
        {
            await Task.Delay(step, cancellationToken);
            waited += step;
        }

        if (!multiplexer.IsConnected)
        {
            ReportFailure(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis did not connect at start"));
        }
    }

    /// <summary>A round trip to Redis, for readiness; never throws.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            await Multiplexer.GetDatabase().PingAsync().WaitAsync(Timeout);
            ReportSuccess();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            ReportFailure(ex);
            return false;
        }
    }

    private ConnectionMultiplexer? Connect()
    {
        var redis = _options.CurrentValue.Redis;
        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            return null;
        }

        var configuration = ConfigurationOptions.Parse(redis.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)redis.Timeout.TotalMilliseconds;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        return ConnectionMultiplexer.Connect(configuration);
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value?.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.RedisConnectionRedisDown, LogLevel.Error, "Redis for rate-limit counters is unreachable ({ExceptionType}); limits fail {FailureMode} until it is back")]
        public static partial void RedisDown(ILogger logger, string failureMode, string exceptionType, Exception exception);

        [LoggerMessage(LogEventIds.RedisConnectionRedisRecovered, LogLevel.Warning, "Redis for rate-limit counters is reachable again")]
        public static partial void RedisRecovered(ILogger logger);
    }
}
