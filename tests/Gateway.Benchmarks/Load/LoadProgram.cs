using System.Globalization;
using System.Net;
using System.Text;
using GeminiSimulator;
using TestKit;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- load [--seconds 5] [--write docs/benchmarks-load.md]</c>
/// </summary>
public static class LoadProgram
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(seconds);
        var write = Option(args, "--write");

        await using var simulator = await SimulatorServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        await using var floorB = await ChildProcess.StartFloorBAsync(simulator.BaseAddress);
        await using var gateway = await GatewayProcess.StartAsync(simulator.BaseAddress, LoadSuite.GatewaySettings(null), GatewayProcess.ReleaseBuild);
        await using var gatewayRedis = await GatewayProcess.StartAsync(simulator.BaseAddress, LoadSuite.GatewaySettings(redis.Configuration), GatewayProcess.ReleaseBuild);
        var noCache = LoadSuite.GatewaySettings(null);
        noCache["GeminiWeb__SessionCache__Enabled"] = "false";
        await using var gatewayNoCache = await GatewayProcess.StartAsync(simulator.BaseAddress, noCache, GatewayProcess.ReleaseBuild);
        var noPool = LoadSuite.GatewaySettings(null);
        noPool["GeminiWeb__PooledConnectionLifetime"] = "00:00:00.001";
        await using var gatewayNoPool = await GatewayProcess.StartAsync(simulator.BaseAddress, noPool, GatewayProcess.ReleaseBuild);

        // Protocol §6.4: the one-key ESY5D read before every generate is a second upstream round trip per chat that
        // floor B does not make; this row shows what it costs.
        var noWarmUp = LoadSuite.GatewaySettings(null);
        noWarmUp["GeminiWeb__Protocol__WarmUp"] = "false";
        await using var gatewayNoWarmUp = await GatewayProcess.StartAsync(simulator.BaseAddress, noWarmUp, GatewayProcess.ReleaseBuild);
        using var suite = new LoadSuite(simulator);

        var report = new StringBuilder();
        report.AppendLine("### Load: the gateway against its floors");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores, {seconds:0} s per row after a 1 s warm-up, with `dotnet run -c Release --project tests/Gateway.Benchmarks -- load`.");
        report.AppendLine("Load generator: this benchmark's own HTTP client (not the gateway's code), in the benchmark process together with the simulator; the gateway and floor B are separate processes. Floor A: the client calls the simulator directly. Floor B: a bare YARP forward (no policies, no engine). Gateway: API key, IP/key/tenant windows and concurrency caps, bridge engine, envelope. Ratios and added latency are against floor B.");
        report.AppendLine();
        report.AppendLine("CPU ms/req: the serving process's user + system time over the run (`/proc/<pid>/stat`) divided by the requests it answered; floor B and every gateway run as child processes, so the load generator's own cost is not in it (floor A shares the generator's process: none).");
        report.AppendLine();
        report.AppendLine(LoadSuite.RowHeader);
        report.AppendLine(LoadSuite.RowRule);
        foreach (var concurrency in new[] { 1, 64, 512 })
        {
            var a = await LoadDriver.RunAsync("floor A: simulator direct", concurrency, duration, suite.Direct(simulator.BaseAddress));
            var b = await LoadDriver.RunAsync("floor B: plain YARP forward", concurrency, duration, suite.Direct(floorB.Address), measuredPid: floorB.Pid);
            var g = await LoadDriver.RunAsync("gateway, in-memory limits", concurrency, duration, suite.GatewayChat(gateway.Address), measuredPid: gateway.Pid);
            var r = await LoadDriver.RunAsync("gateway, Redis limits", concurrency, duration, suite.GatewayChat(gatewayRedis.Address), measuredPid: gatewayRedis.Pid);
            foreach (var row in new[] { LoadSuite.Row(a, b), LoadSuite.Row(b, b), LoadSuite.Row(g, b), LoadSuite.Row(r, b) })
            {
                report.AppendLine(row);
            }

            if (concurrency == 64)
            {
                report.AppendLine(LoadSuite.Row(await LoadDriver.RunAsync("gateway, session cache off", concurrency, duration, suite.GatewayChat(gatewayNoCache.Address), measuredPid: gatewayNoCache.Pid), b));
                report.AppendLine(LoadSuite.Row(await LoadDriver.RunAsync("gateway, in-memory limits, ESY5D warm-up off", concurrency, duration, suite.GatewayChat(gatewayNoWarmUp.Address), measuredPid: gatewayNoWarmUp.Pid), b));
                report.AppendLine(LoadSuite.Row(await LoadDriver.RunAsync("gateway, pooled connections off", concurrency, duration, suite.GatewayChat(gatewayNoPool.Address), measuredPid: gatewayNoPool.Pid), b));
            }

            Console.WriteLine($"concurrency {concurrency} done");
        }

        report.AppendLine();
        report.AppendLine("Streaming at 64 concurrent streams (time to first event: first answer snapshot for the floors, first `delta` through the gateway):");
        report.AppendLine();
        report.AppendLine("| target | streams/s | events/s | first event p50 ms | first event p99 ms | CPU ms/stream | CPU / floor B |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        double? floorBStreamCpu = null;
        foreach (var (name, origin, viaGateway, pid) in new[] { ("floor A", simulator.BaseAddress, false, (int?)null), ("floor B", floorB.Address, false, floorB.Pid), ("gateway", gateway.Address, true, gateway.Pid) })
        {
            var first = new List<double>();
            var events = new StrongBox();
            var result = await LoadDriver.RunAsync(name, 64, duration, suite.Streaming(origin, viaGateway, first, events), () =>
            {
                Interlocked.Exchange(ref events.Value, 0);
                lock (first)
                {
                    first.Clear();
                }
            }, pid);
            floorBStreamCpu = name == "floor B" ? result.CpuMsPerRequest : floorBStreamCpu;
            var cpuRatio = result.CpuMsPerRequest is { } cpu && floorBStreamCpu is { } floorCpu && floorCpu > 0 && name != "floor A" ? (cpu / floorCpu).ToString("0.00", CultureInfo.InvariantCulture) : "";
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {result.Throughput:0} | {events.Value / result.Seconds:0} | {Percentiles.Of(first, 50):0.00} | {Percentiles.Of(first, 99):0.00} | {LoadSuite.Cpu(result)} | {cpuRatio} |"));
        }

        report.AppendLine();
        report.AppendLine("Refusals at 64 concurrent callers (what protects the gateway under abuse):");
        report.AppendLine();
        report.AppendLine("| refusal | per second | p50 ms | p99 ms | CPU ms/req |");
        report.AppendLine("|---|---|---|---|---|");
        var badKey = await LoadDriver.RunAsync("wrong API key (401)", 64, duration, suite.Refused(gateway.Address, "bk_bench_wrong_key_000000000000000000000", HttpStatusCode.Unauthorized), measuredPid: gateway.Pid);
        var overLimit = await LoadDriver.RunAsync("key over its limit (429)", 64, duration, suite.Refused(gateway.Address, LoadSuite.LimitedKey, HttpStatusCode.TooManyRequests), measuredPid: gateway.Pid);
        foreach (var refusal in new[] { badKey, overLimit })
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {refusal.Target} | {refusal.Throughput:0} | {refusal.P50:0.00} | {refusal.P99:0.00} | {LoadSuite.Cpu(refusal)} |"));
        }

        // Memory with 2,000 idle open streams through the full path (API key, limits, engine).
        var memory = await new StreamMemoryScenario(simulator).RunAsync(gateway, 2000, LoadSuite.Key);
        report.AppendLine();
        report.AppendLine();
        report.AppendLine("Where the gateway's CPU goes, and why the CPU ratio stays above the forward's: `docs/benchmarks-profile.md` (from `-- profile`).");
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Memory per open stream: {memory.Open} idle open streams through the full path raised the gateway's resident set from {memory.Before / 1048576.0:0.0} MiB to {memory.During / 1048576.0:0.0} MiB: **{(memory.During - memory.Before) / (double)Math.Max(1, memory.Open) / 1024:0.0} KiB per open stream**."));

        Console.WriteLine(report);
        if (write is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(RepoRoot.Path, write), report.ToString());
        }
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
