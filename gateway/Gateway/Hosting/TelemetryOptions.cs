namespace Gateway.Hosting;

/// <summary>
/// OpenTelemetry exporters (section <c>Telemetry</c>). Read once at start: switching an exporter needs a
/// restart. Traces, metrics and logs are collected either way; without an exporter they go nowhere.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>service.name of every exported item.</summary>
    public string ServiceName { get; set; } = "gemini-bridge-gateway";

    public OtlpSettings Otlp { get; set; } = new();

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
