using System.Globalization;
using System.Net;
using System.Text;
using GeminiSimulator;
using TestKit;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// Issue 10's side-by-side run: the same non-streaming and streaming requests against floor A (the simulator
/// directly), floor B (a bare YARP forward) and the full gateway (API key, IP/key/tenant limits in memory or
/// in Redis, engine, envelope), plus how fast the gateway refuses bad keys and over-limit callers.
/// </summary>
public sealed class LoadSuite : IDisposable
{
    public const string Key = "bk_bench_0123456789abcdef0123456789abcdef";
    public const string LimitedKey = "bk_bench_limited_0123456789abcdef01234567";

    private readonly SimulatorServer _simulator;
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(30) }) { Timeout = TimeSpan.FromMinutes(2) };

    public LoadSuite(SimulatorServer simulator)
    {
        _simulator = simulator;
    }

    public static Dictionary<string, string> GatewaySettings(string? redis) => new()
    {
        ["Auth__Enabled"] = "true",
        ["Auth__Tenants__bench__Keys__0"] = Key,
        ["Auth__Tenants__limited__Keys__0"] = LimitedKey,
        ["Auth__Tenants__limited__PerKey__PermitLimit"] = "1",
        ["Auth__Tenants__limited__PerKey__Window"] = "01:00:00",
        ["RateLimiting__Redis__Configuration"] = redis ?? string.Empty,
        ["RateLimiting__Policies__default__PerIp__PermitLimit"] = "1000000000",
        ["RateLimiting__Policies__default__PerKey__PermitLimit"] = "1000000000",
        ["RateLimiting__Policies__default__PerTenant__PermitLimit"] = "1000000000",
        ["RateLimiting__Policies__default__ConcurrentRequestsPerKey"] = "100000",
        ["RateLimiting__Policies__default__ConcurrentUpstreamCallsPerAccount"] = "100000",
        ["GeminiWeb__MaxConnectionsPerServer"] = "8192",
        ["Streaming__HeartbeatInterval"] = "00:01:00",
    };

    private static string Psid(int worker) => $"g.a000-bench-worker-{worker:D4}";

    /// <summary>Floors A and B: the raw StreamGenerate call the engine makes, read to the end.</summary>
    public Func<int, CancellationToken, Task<bool>> Direct(Uri origin) => async (worker, ct) =>
    {
        using var request = DirectRequest(origin, worker);
        using var response = await _client.SendAsync(request, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        return response.StatusCode == HttpStatusCode.OK;
    };

    public Func<int, CancellationToken, Task<bool>> GatewayChat(Uri gateway) => async (worker, ct) =>
    {
        using var request = GatewayRequest(gateway, worker, Key, stream: false);
        using var response = await _client.SendAsync(request, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        return response.StatusCode == HttpStatusCode.OK;
    };

    /// <summary>Streams: records time to the first event (first delta / first snapshot frame) and counts events.</summary>
    public Func<int, CancellationToken, Task<bool>> Streaming(Uri origin, bool throughGateway, List<double> firstEvent, StrongBox events) => async (worker, ct) =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var request = throughGateway ? GatewayRequest(origin, worker, Key, stream: true) : DirectRequest(origin, worker);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var seen = 0;
        var payloadFrames = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var isEvent = throughGateway
                ? line.StartsWith("event: delta", StringComparison.Ordinal)
                : line.StartsWith("[[\"wrb.fr\"", StringComparison.Ordinal) && payloadFrames++ > 0;
            if (isEvent && seen++ == 0)
            {
                lock (firstEvent)
                {
                    firstEvent.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        Interlocked.Add(ref events.Value, seen);
        return response.StatusCode == HttpStatusCode.OK && seen > 0;
    };

    /// <summary>Refusals: a wrong key (401) or a key over its limit (429); success means "refused as expected".</summary>
    public Func<int, CancellationToken, Task<bool>> Refused(Uri gateway, string key, HttpStatusCode expected) => async (worker, ct) =>
    {
        using var request = GatewayRequest(gateway, worker, key, stream: false);
        using var response = await _client.SendAsync(request, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        return response.StatusCode == expected;
    };

    private HttpRequestMessage DirectRequest(Uri origin, int worker)
    {
        var account = _simulator.State.Account(Psid(worker));
        var inner = "[[\"load probe\",0,null,null,null,null,0],[\"en\"],[\"\",\"\",\"\",null,null,null,null,null,null,\"\"]]";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, "_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?hl=en&_reqid=100001&rt=c"))
        {
            Content = new FormUrlEncodedContent([new("at", account.AccessToken), new("f.req", "[null," + System.Text.Json.JsonSerializer.Serialize(inner) + "]")]),
        };
        request.Headers.TryAddWithoutValidation("Cookie", "__Secure-1PSID=" + Psid(worker));
        request.Headers.TryAddWithoutValidation("X-Same-Domain", "1");
        return request;
    }

    private static HttpRequestMessage GatewayRequest(Uri gateway, int worker, string key, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "api/chat"))
        {
            Content = new StringContent(stream ? "{\"prompt\":\"load probe\",\"stream\":true}" : "{\"prompt\":\"load probe\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-gemini-psid", Psid(worker));
        request.Headers.TryAddWithoutValidation("x-bridge-api-key", key);
        return request;
    }

    public const string RowHeader = "| target | concurrency | req/s | p50 ms | p99 ms | CPU ms/req | throughput / floor B | CPU / floor B | added p50 | added p99 | errors |";
    public const string RowRule = "|---|---|---|---|---|---|---|---|---|---|---|";

    public static string Row(LoadResult result, LoadResult? floorB) => string.Create(CultureInfo.InvariantCulture,
        $"| {result.Target} | {result.Concurrency} | {result.Throughput:0} | {result.P50:0.00} | {result.P99:0.00} | {Cpu(result)} | {Ratio(result.Throughput, floorB?.Throughput)} | {Ratio(result.CpuMsPerRequest, floorB?.CpuMsPerRequest)} | {(floorB is null ? "" : (result.P50 - floorB.P50).ToString("0.00", CultureInfo.InvariantCulture))} | {(floorB is null ? "" : (result.P99 - floorB.P99).ToString("0.00", CultureInfo.InvariantCulture))} | {result.Errors} |");

    /// <summary>"–" for a target in the benchmark's own process (floor A): its CPU is the generator's too.</summary>
    public static string Cpu(LoadResult result) => result.CpuMsPerRequest is { } cpu ? cpu.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Ratio(double? value, double? floor) =>
        value is { } v && floor is { } f && f > 0 ? (v / f).ToString("0.00", CultureInfo.InvariantCulture) : "";

    public void Dispose() => _client.Dispose();
}
