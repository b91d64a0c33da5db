namespace Gateway.Hosting;

/// <summary>
/// OpenTelemetry exporters (section <c>Telemetry</c>). Read once at start: switching an exporter needs a
/// restart. Traces, metrics and logs are collected only when something takes them (an exporter, or
/// <see cref="Collect"/> set for an in-process exporter): spans nobody reads would cost every request.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>service.name of every exported item.</summary>
    public string ServiceName { get; set; } = "gemini-bridge-gateway";

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>Force collection on or off; unset means "on when OTLP or Prometheus is configured".</summary>
    public bool? Collect { get; set; }

    public bool IsCollecting => Collect ?? (Otlp.Endpoint is not null || Prometheus.Enabled);

    public PrometheusSettings Prometheus { get; set; } = new();

    public sealed class OtlpSettings
    {
        /// <summary>Collector address, e.g. http://otel-collector:4317 (gRPC) or :4318 (HTTP). Unset = no OTLP export.</summary>
        public Uri? Endpoint { get; set; }

        /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
        public string Protocol { get; set; } = "Grpc";
    }

    public sealed class PrometheusSettings
    {
        /// <summary>Serve the Prometheus text format at <see cref="Path"/> on the gateway's own port.</summary>
        public bool Enabled { get; set; }

        public string Path { get; set; } = "/metrics";
    }
}
