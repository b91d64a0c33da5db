using System.Diagnostics;
using System.Text;
using GeminiSimulator;
using TestKit;

namespace Gateway.Benchmarks;

/// <summary>
/// Time from a StreamGenerate snapshot leaving the simulator to the matching SSE <c>delta</c> reaching the
/// client, through the gateway, and the same frame read by a client calling the simulator directly (the
/// floor). Both clocks are this process's Stopwatch, so no clock skew enters the figure.
/// </summary>
public sealed class StreamLatencyScenario : IDisposable
{
    // Gemini sends a few snapshots per second; 200 ms apart keeps 500 streams at ~2,500 events/s on 2 cores.
    private static readonly TimeSpan FramePacing = TimeSpan.FromMilliseconds(200);
    private readonly SimulatorServer _simulator;
    private readonly HttpClient _client;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _accounts = new();

    public StreamLatencyScenario(SimulatorServer simulator)
    {
        _simulator = simulator;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public async Task<List<double>> ThroughGatewayAsync(Uri gateway, int concurrency, int streamsPerWorker)
    {
        var samples = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var s = 0; s < streamsPerWorker; s++)
            {
                await StaggerAsync(concurrency);
                var (departures, psid) = Prepare(worker);
                var request = ChatCalls.Chat(psid, new { prompt = "latency probe", stream = true });
                request.RequestUri = new Uri(gateway, "api/chat");
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
                var arrivals = new List<long>();
                while (await reader.NextAsync() is { } item)
                {
                    if (item.Name == "delta")
                    {
                        arrivals.Add(Stopwatch.GetTimestamp());
                    }
                }

                Collect(samples, departures, arrivals);
            }
        }));
        return samples;
    }

    public async Task<List<double>> DirectToSimulatorAsync(int concurrency, int streamsPerWorker)
    {
        var samples = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var s = 0; s < streamsPerWorker; s++)
            {
                await StaggerAsync(concurrency);
                var (departures, psid) = Prepare(worker);
                using var request = DirectRequest(psid);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
                var arrivals = new List<long>();
                var payloadFrames = 0;
                while (await reader.ReadLineAsync() is { } line)
                {
                    // The first payload frame is the metadata-only frame; the snapshots follow it.
                    if (line.StartsWith("[[\"wrb.fr\"", StringComparison.Ordinal) && payloadFrames++ > 0)
                    {
                        arrivals.Add(Stopwatch.GetTimestamp());
                    }
                }

                Collect(samples, departures, arrivals);
            }
        }));
        return samples;
    }

    /// <summary>
    /// Real streams do not start in lockstep: concurrent workers start at a random offset within one frame
    /// interval, so their frames interleave instead of arriving as one burst of N.
    /// </summary>
    private static Task StaggerAsync(int concurrency) =>
        concurrency == 1 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * FramePacing.TotalMilliseconds));

    /// <summary>
    /// One account per worker, reused by its sequential streams, as a caller reuses its cookies: the gateway's
    /// session cache is warm after the warm-up round, as in steady state. A worker's streams never overlap, so
    /// the account's fault queue pairs each stream with its own departure clock.
    /// </summary>
    private (long[] Departures, string Psid) Prepare(int worker)
    {
        var psid = _accounts.GetOrAdd(worker, static w => Psid.New($"bench{w}"));
        var departures = new long[64];
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            InterFrameDelay = FramePacing,
            BeforeFrame = (n, _) =>
            {
                departures[n] = Stopwatch.GetTimestamp();
                return Task.CompletedTask;
            },
        });
        return (departures, psid);
    }

    private HttpRequestMessage DirectRequest(string psid)
    {
        var account = _simulator.State.Account(psid);
        var inner = "[[\"latency probe\",0,null,null,null,null,0],[\"en\"],[\"\",\"\",\"\",null,null,null,null,null,null,\"\"]]";
        var freq = "[null," + System.Text.Json.JsonSerializer.Serialize(inner) + "]";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_simulator.BaseAddress, "_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?hl=en&_reqid=100001&rt=c"))
        {
            Content = new FormUrlEncodedContent([new("at", account.AccessToken), new("f.req", freq)]),
        };
        request.Headers.TryAddWithoutValidation("Cookie", "__Secure-1PSID=" + psid);
        request.Headers.TryAddWithoutValidation("X-Same-Domain", "1");
        return request;
    }

    private static void Collect(List<double> samples, long[] departures, List<long> arrivals)
    {
        lock (samples)
        {
            for (var i = 0; i < arrivals.Count; i++)
            {
                if (departures[i] != 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(departures[i], arrivals[i]).TotalMilliseconds);
                }
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
