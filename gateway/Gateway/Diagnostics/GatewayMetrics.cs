using System.Diagnostics;
using System.Diagnostics.Metrics;
using BridgeEngine.Diagnostics;
using Gateway.Policies.RateLimiting;
using Gateway.Policies.Resilience;
using Gateway.Policies.UpstreamBlock;

namespace Gateway.Diagnostics;

/// <summary>
/// The gateway's Meter and ActivitySource (conventions §13). Tags are bounded and never secret: the route id
/// and tenant id come from configuration, error codes from the public catalog, authorities from the upstream
/// hosts. Gauges read the policies' own state (Redis health, block cool-downs, circuits) when scraped.
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "GeminiBridge.Gateway";
    public const string SourceName = "GeminiBridge.Gateway";

    public const string RouteTag = "gateway.route";
    public const string TenantTag = "gateway.tenant";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstEvent;
    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _streamsCutAtShutdown;

    public GatewayMetrics(IMeterFactory meterFactory, TimeProvider time, RedisConnection redis, UpstreamBlockState blocks, UpstreamCircuitState circuits)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("gateway.requests", "{request}", "Requests answered, by route, tenant, status and error code.");
        _duration = _meter.CreateHistogram<double>("gateway.request.duration", "s", "Time from the request's arrival to the end of its answer (streams: the last event).");
        _firstEvent = _meter.CreateHistogram<double>("gateway.stream.time_to_first_event", "s", "Time from the request's arrival to the first SSE event written.");
        _openStreams = _meter.CreateUpDownCounter<long>("gateway.streams.open", "{stream}", "SSE chat streams open now.");
        _rateLimitRejections = _meter.CreateCounter<long>("gateway.rate_limit.rejections", "{request}", "Requests refused by a gateway rate or concurrency limit (USAGE_LIMIT_EXCEEDED not from Gemini).");
        _streamsCutAtShutdown = _meter.CreateCounter<long>("gateway.shutdown.streams_cut", "{stream}", "Streams still open when the shutdown drain time ran out (ended with an error event).");

        _meter.CreateObservableGauge("gateway.redis.healthy", () => redis.IsConfigured
            ? [new Measurement<int>(redis.IsHealthy ? 1 : 0)]
            : Array.Empty<Measurement<int>>(), "{state}", "1 when the Redis for shared rate-limit counters is reachable, 0 when not; absent without Redis.");
        _meter.CreateObservableGauge("gateway.upstream_block.active", () => blocks.Active().Count, "{egress}", "Egresses in an upstream block cool-down now.");
        _meter.CreateObservableGauge("gateway.upstream_block.remaining", () => blocks.Active().Select(b =>
            new Measurement<double>(Math.Max(0, (b.Value - time.GetUtcNow()).TotalSeconds), new KeyValuePair<string, object?>("gateway.egress", b.Key))),
            "s", "Seconds left in each egress's block cool-down.");
        _meter.CreateObservableGauge("gateway.upstream.circuit.state", () => circuits.All.Select(c =>
            new Measurement<int>(UpstreamCircuitState.Numeric(c.State), new KeyValuePair<string, object?>(BridgeTelemetry.AuthorityTag, c.Authority))),
            "{state}", "Circuit of each upstream authority: 0 closed, 1 half-open, 2 open.");
    }

    public void RequestEnded(string route, string tenant, int status, string? errorCode, TimeSpan duration, bool rateLimited)
    {
        var tags = new TagList
        {
            { RouteTag, route },
            { TenantTag, tenant },
            { BridgeTelemetry.StatusCodeTag, status },
            { BridgeTelemetry.ErrorCodeTag, errorCode ?? "none" },
        };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
        if (rateLimited)
        {
            _rateLimitRejections.Add(1, new TagList { { RouteTag, route }, { TenantTag, tenant } });
        }
    }

    public void StreamOpened(string route) => _openStreams.Add(1, new KeyValuePair<string, object?>(RouteTag, route));

    public void StreamClosed(string route) => _openStreams.Add(-1, new KeyValuePair<string, object?>(RouteTag, route));

    public void FirstEvent(string route, string tenant, TimeSpan elapsed)
    {
        if (_firstEvent.Enabled)
        {
            _firstEvent.Record(elapsed.TotalSeconds, new TagList { { RouteTag, route }, { TenantTag, tenant } });
        }
    }

    public void StreamCutAtShutdown(string route) => _streamsCutAtShutdown.Add(1, new KeyValuePair<string, object?>(RouteTag, route));

    public void Dispose() => _meter.Dispose();
}
