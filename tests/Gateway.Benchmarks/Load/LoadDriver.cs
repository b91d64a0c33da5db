using System.Diagnostics;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// The load generator: N workers send requests back to back for a fixed time and record each latency.
/// It is this benchmark's own client, in its own process (not the gateway's code).
/// </summary>
public static class LoadDriver
{
    /// <param name="measuredPid">The process serving the target (gateway, floor B), whose CPU time over the run is reported.</param>
    public static async Task<LoadResult> RunAsync(string target, int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> send, Action? beforeMeasuring = null, int? measuredPid = null)
    {
        // Warm-up at the same concurrency (connections, JIT, session caches), then measure.
        await RunOnceAsync(concurrency, TimeSpan.FromSeconds(1), send);
        beforeMeasuring?.Invoke();
        var cpuBefore = measuredPid is { } pid ? ProcessCpu.Of(pid) : TimeSpan.Zero;
        var (samples, errors, seconds) = await RunOnceAsync(concurrency, duration, send);
        double? cpuMs = measuredPid is { } measured ? (ProcessCpu.Of(measured) - cpuBefore).TotalMilliseconds : null;
        return new LoadResult(target, concurrency, samples.Count, errors, seconds, Percentiles.Of(samples, 50), Percentiles.Of(samples, 99), cpuMs);
    }

    private static async Task<(List<double> Samples, int Errors, double Seconds)> RunOnceAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task<bool>> send)
    {
        var samples = new List<double>();
        var errors = 0;
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var local = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await send(worker, CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (ok)
                {
                    local.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }

            lock (samples)
            {
                samples.AddRange(local);
            }
        }));
        return (samples, errors, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
