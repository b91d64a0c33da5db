using System.IO.Pipelines;
using System.Net;
using BenchmarkDotNet.Attributes;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace Gateway.Benchmarks.Micro;

/// <summary>
/// The upstream hot path: frames out of a body (baseline: the frame reader alone), then the whole engine
/// reading path (frames, envelopes, snapshots, deltas) over a 10-snapshot answer.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private byte[] _body = [];

    [Params(100)]
    public int WordsPerSnapshot { get; set; }

    [GlobalSetup]
    public void Setup() => _body = StreamBodies.Build(10, WordsPerSnapshot);

    [Benchmark(Baseline = true)]
    public async Task<int> FrameReaderOnly()
    {
        var frames = 0;
        var reader = PipeReader.Create(new MemoryStream(_body));
        await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, CancellationToken.None))
        {
            frame.Dispose();
            frames++;
        }

        return frames;
    }

    [Benchmark]
    public async Task<int> EngineReadingPath()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(_body) };
        var timeouts = new UpstreamTimeouts(new GeminiTimeoutOptions(), TimeProvider.System, CancellationToken.None);
        await using var turn = new ChatTurn(response, timeouts, new UpstreamCall(new GeminiCredentials("bench", null)), null, null);
        var events = 0;
        await foreach (var item in turn.ReadEventsAsync())
        {
            events++;
        }

        return events;
    }
}
