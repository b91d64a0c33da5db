using System.Diagnostics;
using System.Globalization;
using GeminiSimulator;
using TestKit;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// Holds the load row's traffic (c=64 by default) on one Release gateway while a profiler samples it:
/// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- profile [--seconds 30] [--concurrency 64] [--redis] [--trace out.nettrace] [--set Key=Value ...]</c>,
/// or <c>-- profile --memory-streams 2000 [--gcdump out.gcdump]</c> for the heap behind the memory per open stream.
/// With <c>--trace</c> it runs <c>dotnet-trace collect</c> (CPU sampling) on the gateway's process for the whole run;
/// otherwise it prints the pid, for <c>dotnet-counters monitor -p</c> or any other tool.
/// </summary>
public static class ProfileProgram
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = double.Parse(Option(args, "--seconds") ?? "30", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option(args, "--concurrency") ?? "64", CultureInfo.InvariantCulture);
        var trace = Option(args, "--trace");

        await using var simulator = await SimulatorServer.StartAsync();
        await using var redis = args.Contains("--redis") ? await RedisServer.StartAsync() : null;
        // --set GeminiWeb__Protocol__WarmUp=false and the like: what one setting costs, measured the same way.
        var settings = LoadSuite.GatewaySettings(redis?.Configuration);
        foreach (var pair in args.Zip(args.Skip(1)).Where(p => p.First == "--set").Select(p => p.Second.Split('=', 2)))
        {
            settings[pair[0]] = pair[1];
        }

        await using var gateway = await GatewayProcess.StartAsync(simulator.BaseAddress, settings, GatewayProcess.ReleaseBuild);
        using var suite = new LoadSuite(simulator);

        if (Option(args, "--memory-streams") is { } count)
        {
            await HeapOfOpenStreamsAsync(simulator, gateway, int.Parse(count, CultureInfo.InvariantCulture), Option(args, "--gcdump"));
            return;
        }

        // Warm up first, so the trace shows the steady state rather than JIT and first connections.
        await LoadDriver.RunAsync("warm-up", concurrency, TimeSpan.FromSeconds(3), suite.GatewayChat(gateway.Address));
        Console.WriteLine($"gateway pid {gateway.Pid}: {concurrency} callers for {seconds:0} s");
        using var profiler = trace is null ? null : Process.Start(new ProcessStartInfo("dotnet-trace",
            ["collect", "-p", gateway.Pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--duration", TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture), "-o", Path.GetFullPath(trace)]));
        var result = await LoadDriver.RunAsync("gateway, profiled", concurrency, TimeSpan.FromSeconds(seconds), suite.GatewayChat(gateway.Address), measuredPid: gateway.Pid);
        Console.WriteLine(LoadSuite.Row(result, null));
        if (profiler is not null)
        {
            await profiler.WaitForExitAsync();
        }
    }

    /// <summary>
    /// <c>--memory-streams N [--gcdump out.gcdump]</c>: the load report's memory scenario (N idle open streams through
    /// the full path), with a <c>dotnet-gcdump</c> of the gateway taken while they are open.
    /// </summary>
    private static async Task HeapOfOpenStreamsAsync(SimulatorServer simulator, GatewayProcess gateway, int streams, string? gcdump)
    {
        var memory = await new StreamMemoryScenario(simulator).RunAsync(gateway, streams, LoadSuite.Key, async () =>
        {
            if (gcdump is not null)
            {
                using var dump = Process.Start(new ProcessStartInfo("dotnet-gcdump", ["collect", "-p", gateway.Pid.ToString(CultureInfo.InvariantCulture), "-o", Path.GetFullPath(gcdump)]));
                await dump!.WaitForExitAsync();
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{memory.Open} open streams: resident {memory.Before / 1048576.0:0.0} -> {memory.During / 1048576.0:0.0} MiB, {(memory.During - memory.Before) / (double)Math.Max(1, memory.Open) / 1024:0.0} KiB per stream"));
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
