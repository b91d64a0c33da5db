namespace Gateway.Benchmarks.Load;

public sealed record LoadResult(string Target, int Concurrency, int Requests, int Errors, double Seconds, double P50, double P99)
{
    public double Throughput => Requests / Seconds;
}
