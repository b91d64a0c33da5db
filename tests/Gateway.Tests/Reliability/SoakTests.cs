using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Tests.Policies;
using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Reliability;

/// <summary>
/// A mixed load for a set time (SOAK_SECONDS, 20 s by default): plain and streamed chats, models, gems, injected
/// upstream faults and clients that disconnect at random. Afterwards: every request is accounted for, no
/// upstream stream is left open, memory (after a forced GC), threads and handles are back near their
/// baseline, and no cookie or API key is in any log line.
/// </summary>
[Collection(ReliabilitySerialGroup.Name)]
public sealed class SoakTests
{
    private const int Workers = 8;

    /// <summary>Managed heap growth allowed after a full GC: captured logs of the run are kept, nothing else should be.</summary>
    private const long MaxHeapGrowthBytes = 96L * 1024 * 1024;

    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static TimeSpan Duration =>
        int.TryParse(Environment.GetEnvironmentVariable("SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(20);

    [Fact]
    public async Task MixedLoadWithFaultsAndDisconnects_LosesNothing_LeaksNothing_AndReturnsToBaseline()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DefaultFrameCount = 3 });
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, PolicyHosts.WithKeys(
            ("GeminiWeb:Timeouts:Connect", "00:00:02"),
            ("GeminiWeb:Timeouts:Idle", "00:00:02"),
            ("GeminiWeb:Timeouts:Total", "00:00:30")), relaxedPolicies: false);
        var psids = Enumerable.Range(0, 16).Select(i => Psid.New("soak" + i)).ToArray();

        // Warm-up: JIT, pools and caches exist before the baseline is taken.
        var outcomes = new ConcurrentDictionary<SoakOutcome, int>();
        var lost = new ConcurrentQueue<string>();
        await RunAsync(gateway, simulator, psids, TimeSpan.FromSeconds(2), outcomes, lost);
        await WaitForReleasedAsync(simulator);
        var baseline = Measure();
        outcomes.Clear();

        await RunAsync(gateway, simulator, psids, Duration, outcomes, lost);
        await WaitForReleasedAsync(simulator);
        var after = Measure();

        var total = outcomes.Values.Sum();
        _output.WriteLine($"soak {Duration.TotalSeconds} s: {total} requests; " + string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
        _output.WriteLine($"heap {baseline.Heap / 1024 / 1024} -> {after.Heap / 1024 / 1024} MiB, threads {baseline.Threads} -> {after.Threads}, handles {baseline.Handles} -> {after.Handles}");

        Assert.True(lost.IsEmpty, "Lost requests: " + string.Join("; ", lost.Take(5)));
        Assert.True(total > 50, $"only {total} requests ran");
        Assert.Equal(0, simulator.State.OpenGenerateStreams);
        Assert.True(after.Heap - baseline.Heap < MaxHeapGrowthBytes, $"heap grew {(after.Heap - baseline.Heap) / 1024 / 1024} MiB");
        Assert.True(after.Threads <= baseline.Threads + 24, $"threads {baseline.Threads} -> {after.Threads}");
        Assert.True(after.Handles <= baseline.Handles + 64, $"handles {baseline.Handles} -> {after.Handles}");
        SecretScan.AssertClean(gateway.Logs.Lines.Select(l => ("soak gateway", l)), psids, [PolicyHosts.KeyA, PolicyHosts.KeyB]);
    }

    private static async Task RunAsync(GatewayHost gateway, SimulatorServer simulator, string[] psids, TimeSpan duration, ConcurrentDictionary<SoakOutcome, int> outcomes, ConcurrentQueue<string> lost)
    {
        var end = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919);
            while (end.Elapsed < duration)
            {
                var psid = psids[random.Next(psids.Length)];
                var (outcome, detail) = await OneAsync(gateway, simulator, psid, random);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (outcome == SoakOutcome.Lost)
                {
                    lost.Enqueue(detail);
                }
            }
        }));
        await Task.WhenAll(workers);
    }

    private static async Task<(SoakOutcome Outcome, string Detail)> OneAsync(GatewayHost gateway, SimulatorServer simulator, string psid, Random random)
    {
        var roll = random.Next(100);
        var kind = roll switch
        {
            < 30 => "chat",
            < 55 => "stream",
            < 65 => "models",
            < 75 => "gems",
            _ => random.Next(2) == 0 ? "chat" : "stream",
        };
        if (roll >= 75)
        {
            // A fresh account per faulted call, so the fault is consumed by this request and no other.
            psid = Psid.New("soakfault");
            simulator.State.Account(psid).EnqueueGenerateFault(random.Next(5) switch
            {
                0 => new GenerateFault { ErrorCode = 1037 },
                1 => new GenerateFault { DropAfterFrames = 1 },
                2 => new GenerateFault { HttpStatus = 503 },
                3 => new GenerateFault { StallAfterFrames = 1 },
                _ => new GenerateFault { BlockPage = true },
            });
        }

        var disconnect = random.Next(10) == 0;
        using var clientGone = new CancellationTokenSource();
        if (disconnect)
        {
            clientGone.CancelAfter(random.Next(1, 40));
        }

        using var request = FaultMatrixTests.Build(kind, psid);
        request.Headers.Add("x-bridge-api-key", PolicyHosts.KeyA);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientGone.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(40));
            using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if ((int)response.StatusCode >= 500 && (int)response.StatusCode != 502 && (int)response.StatusCode != 504)
            {
                return (SoakOutcome.Lost, $"{kind}: HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                using var reader = new SseReader(await response.Content.ReadAsStreamAsync(deadline.Token));
                var events = await reader.ReadAllEventsAsync(deadline.Token);
                return events.LastOrDefault()?.Name switch
                {
                    "done" => (SoakOutcome.Answered, kind),
                    "error" => (SoakOutcome.Rejected, kind),
                    var other => (SoakOutcome.Lost, $"{kind}: stream ended after '{other}'"),
                };
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(deadline.Token));
            var success = body.RootElement.GetProperty("success").GetBoolean();
            return success
                ? (SoakOutcome.Answered, kind)
                : body.RootElement.GetProperty("error").TryGetProperty("code", out _) ? (SoakOutcome.Rejected, kind) : (SoakOutcome.Lost, kind + ": envelope without a code");
        }
        catch (Exception) when (clientGone.IsCancellationRequested)
        {
            return (SoakOutcome.CancelledByClient, kind);
        }
        catch (Exception ex)
        {
            return (SoakOutcome.Lost, $"{kind}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static async Task WaitForReleasedAsync(SimulatorServer simulator)
    {
        try
        {
            await simulator.State.WhenNoOpenGenerateStreamsAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The caller asserts on the count and reports it.
        }
    }

    private static (long Heap, int Threads, int Handles) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var handles = Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : process.HandleCount;
        return (GC.GetTotalMemory(forceFullCollection: true), process.Threads.Count, handles);
    }
}
