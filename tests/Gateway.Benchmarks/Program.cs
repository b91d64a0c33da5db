using System.Globalization;
using System.Text;
using Gateway.Benchmarks;
using GeminiSimulator;
using TestKit;

// Streaming benchmark (issue 3): per-event latency added by the gateway at 1 and 500 concurrent streams, and
// gateway memory per idle open stream at 2,000 streams. Usage:
//   dotnet build -c Release gateway/Gateway && dotnet run -c Release --project tests/Gateway.Benchmarks -- stream [--write docs/benchmarks.md]
if (args.Length > 0 && args[0] == "micro")
{
    // BenchmarkDotNet for the hot paths: dotnet run -c Release --project tests/Gateway.Benchmarks -- micro [--filter *]
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.Micro.ParserBenchmarks).Assembly).Run(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == Gateway.Benchmarks.Load.FloorBServer.Mode)
{
    await Gateway.Benchmarks.Load.FloorBServer.RunAsync(args[1], args[2]);
    return;
}

if (args.Length > 0 && args[0] == "profile")
{
    await Gateway.Benchmarks.Load.ProfileProgram.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "load")
{
    await Gateway.Benchmarks.Load.LoadProgram.RunAsync(args);
    return;
}

var write = args.SkipWhile(a => a != "--write").Skip(1).FirstOrDefault();
var streamsForMemory = int.Parse(args.SkipWhile(a => a != "--memory-streams").Skip(1).FirstOrDefault() ?? "2000", CultureInfo.InvariantCulture);

await using var simulator = await SimulatorServer.StartAsync();
await using var gateway = await GatewayProcess.StartAsync(simulator.BaseAddress, dll: GatewayProcess.ReleaseBuild, settings: new Dictionary<string, string>
{
    ["Streaming__HeartbeatInterval"] = "00:00:30",
    // The simulator speaks HTTP/1.1, so every open stream needs its own upstream connection.
    ["GeminiWeb__MaxConnectionsPerServer"] = "8192",
    ["Auth__Enabled"] = "false",
    ["RateLimiting__Policies__default__PerIp__PermitLimit"] = "100000000",
    ["RateLimiting__Policies__default__ConcurrentUpstreamCallsPerAccount"] = "100000",
    ["BruteForce__Enabled"] = "false",
    ["UpstreamBlock__CoolDown"] = "00:00:00",
});
using var latency = new StreamLatencyScenario(simulator);

// Warm-up: JIT (through tier 1) and connection pools on both paths.
for (var round = 0; round < 3; round++)
{
    await latency.ThroughGatewayAsync(gateway.Address, 50, 4);
    await latency.DirectToSimulatorAsync(50, 4);
}

var rows = new List<string>();
foreach (var (concurrency, perWorker) in new[] { (1, 100), (500, 2) })
{
    // Warm this shape first: sessions cached for each worker's account, connections pooled at this concurrency.
    await latency.ThroughGatewayAsync(gateway.Address, concurrency, 1);
    await latency.DirectToSimulatorAsync(concurrency, 1);
    var floor = await latency.DirectToSimulatorAsync(concurrency, perWorker);
    var through = await latency.ThroughGatewayAsync(gateway.Address, concurrency, perWorker);
    var f50 = Percentiles.Of(floor, 50);
    var f99 = Percentiles.Of(floor, 99);
    var g50 = Percentiles.Of(through, 50);
    var g99 = Percentiles.Of(through, 99);
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {through.Count} | {f50:0.000} | {f99:0.000} | {g50:0.000} | {g99:0.000} | {g50 - f50:0.000} | {g99 - f99:0.000} |"));
}

var memory = await new StreamMemoryScenario(simulator).RunAsync(gateway, streamsForMemory);
var perStream = (memory.During - memory.Before) / (double)Math.Max(1, memory.Open);

var report = new StringBuilder();
report.AppendLine("### Streaming: per-event latency and memory per open stream");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd} on {Environment.ProcessorCount} cores with `dotnet run -c Release --project tests/Gateway.Benchmarks -- stream`.");
report.AppendLine("Client and simulator share this process's clock; the gateway is its own process. Latency = snapshot leaving the simulator -> matching event read by the client, in ms. Floor = the same client reading the simulator directly.");
report.AppendLine();
report.AppendLine("| concurrent streams | events | floor p50 | floor p99 | gateway p50 | gateway p99 | added p50 | added p99 |");
report.AppendLine("|---|---|---|---|---|---|---|---|");
rows.ForEach(row => report.AppendLine(row));
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Memory: {memory.Open} idle open streams raised the gateway's resident set from {memory.Before / 1048576.0:0.0} MiB to {memory.During / 1048576.0:0.0} MiB: **{perStream / 1024:0.0} KiB per open stream** (client and upstream connection, request, engine state).");

Console.WriteLine(report);
if (write is not null)
{
    await File.WriteAllTextAsync(Path.Combine(RepoRoot.Path, write), report.ToString());
}
