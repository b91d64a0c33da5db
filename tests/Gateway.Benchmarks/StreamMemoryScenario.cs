using GeminiSimulator;
using TestKit;

namespace Gateway.Benchmarks;

/// <summary>
/// Opens N streams through the gateway, holds every one open after its first delta (the simulator waits on a
/// gate), and reads the gateway process's resident memory before and during: the growth divided by N is the
/// memory per idle open stream.
/// </summary>
public sealed class StreamMemoryScenario
{
    private readonly SimulatorServer _simulator;
    private string? _apiKey;

    public StreamMemoryScenario(SimulatorServer simulator)
    {
        _simulator = simulator;
    }

    /// <param name="whileOpen">Runs while every stream is open, after the second reading (e.g. a heap dump of the gateway).</param>
    public async Task<(long Before, long During, int Open)> RunAsync(GatewayProcess gateway, int streams, string? apiKey = null, Func<Task>? whileOpen = null)
    {
        _apiKey = apiKey;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = gateway.Address, Timeout = TimeSpan.FromMinutes(5) };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Warm the path (JIT, pools) so the baseline is not the cold process.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => OneAsync(client, Task.CompletedTask, () => { })));
        GC.Collect();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // let the heap and the resident set settle before reading
        var before = gateway.ResidentBytes();

        var tasks = Enumerable.Range(0, streams).Select(_ => OneAsync(client, release.Task, () =>
        {
            if (Interlocked.Increment(ref opened) == streams)
            {
                allOpen.TrySetResult();
            }
        })).ToList();
        await allOpen.Task.WaitAsync(TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the same before the second reading
        var during = gateway.ResidentBytes();
        if (whileOpen is not null)
        {
            await whileOpen();
        }

        release.TrySetResult();
        await Task.WhenAll(tasks);
        return (before, during, opened);
    }

    private async Task OneAsync(HttpClient client, Task release, Action firstDelta)
    {
        var psid = Psid.New("mem");
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            BeforeFrame = (n, ct) => n == 1 ? release.WaitAsync(ct) : Task.CompletedTask,
        });
        using var request = ChatCalls.Chat(psid, new { prompt = "hold me open", stream = true });
        if (_apiKey is not null)
        {
            request.Headers.Add("x-bridge-api-key", _apiKey);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var signalled = false;
        while (await reader.NextAsync() is { } item)
        {
            if (item.Name == "delta" && !signalled)
            {
                signalled = true;
                firstDelta();
            }
        }
    }
}
