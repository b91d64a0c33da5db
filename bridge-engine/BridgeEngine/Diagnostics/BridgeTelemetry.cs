using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BridgeEngine.Diagnostics;

/// <summary>
/// The engine's ActivitySource and Meter (conventions §13). Names are constants the host passes to
/// <c>AddSource</c>/<c>AddMeter</c>. Nothing recorded here carries a cookie, a prompt or a body: only the
/// operation name, the upstream authority, the HTTP status and the public error code.
/// </summary>
public sealed class BridgeTelemetry : IDisposable
{
    public const string SourceName = "GeminiBridge.Engine";
    public const string MeterName = "GeminiBridge.Engine";

    /// <summary>Tag names shared with the gateway (one spelling everywhere).</summary>
    public const string OperationTag = "gemini.operation";
    public const string ErrorCodeTag = "error.code";
    public const string StatusCodeTag = "http.response.status_code";
    public const string AuthorityTag = "server.address";

    /// <summary>The gateway's request id on the root span; child spans copy it (see the gateway's processor).</summary>
    public const string RequestIdTag = "gateway.request_id";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Meter _meter;
    private readonly Histogram<double> _upstreamDuration;
    private readonly Counter<long> _upstreamCalls;

    public BridgeTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _upstreamDuration = _meter.CreateHistogram<double>(
            "bridge.upstream.duration",
            unit: "s",
            description: "Time from sending an upstream Gemini web request to its response headers (streams are read after this).");
        _upstreamCalls = _meter.CreateCounter<long>(
            "bridge.upstream.requests",
            unit: "{request}",
            description: "Upstream Gemini web requests by operation and outcome.");
    }

    /// <summary>Starts the span of one upstream call, or null when nobody listens.</summary>
    public static Activity? StartUpstream(string operation, Uri uri)
    {
        var activity = Source.StartActivity("GeminiWeb " + operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationTag, operation);
            activity.SetTag(AuthorityTag, uri.Authority);
        }

        return activity;
    }

    /// <summary>Records one upstream call; <paramref name="status"/> is null when no response came back.</summary>
    public void RecordUpstream(string operation, string authority, int? status, string outcome, TimeSpan elapsed)
    {
        if (!_upstreamDuration.Enabled && !_upstreamCalls.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { OperationTag, operation },
            { AuthorityTag, authority },
            { "outcome", outcome },
        };
        if (status is int code)
        {
            tags.Add(StatusCodeTag, code);
        }

        _upstreamDuration.Record(elapsed.TotalSeconds, tags);
        _upstreamCalls.Add(1, tags);
    }

    public void Dispose() => _meter.Dispose();
}
