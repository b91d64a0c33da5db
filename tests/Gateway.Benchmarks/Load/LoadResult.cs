namespace Gateway.Benchmarks.Load;

/// <param name="CpuMs">CPU time (user + system) the measured process spent during the run; null when the target runs in the benchmark's own process.</param>
public sealed record LoadResult(string Target, int Concurrency, int Requests, int Errors, double Seconds, double P50, double P99, double? CpuMs = null)
{
    public double Throughput => Requests / Seconds;

    /// <summary>CPU milliseconds per request answered or failed, of the measured process alone.</summary>
    public double? CpuMsPerRequest => CpuMs is { } cpu && Requests + Errors > 0 ? cpu / (Requests + Errors) : null;
}
