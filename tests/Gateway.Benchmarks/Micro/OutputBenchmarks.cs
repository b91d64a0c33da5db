using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using BridgeEngine.Contracts;
using Gateway.Output;
using Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Gateway.Benchmarks.Micro;

/// <summary>The answer-shaping hot path: one SSE delta event, and the full success envelope of a chat answer.</summary>
[MemoryDiagnoser]
public class OutputBenchmarks
{
    private readonly ChatResult _result = new()
    {
        Text = string.Concat(Enumerable.Repeat("Some answer text. ", 40)),
        Thoughts = "thinking",
        Conversation = new ConversationRef("c_0123456789abcdef", "r_0123456789abcdef", "rc_0123456789abcdef", "!ctx-0123"),
        Model = "gemini-3-flash",
    };

    private readonly EnvelopeWriter _envelope = new(TimeProvider.System);
    private Pipe _pipe = new();
    private EventStreamWriter _sse = null!;

    [IterationSetup]
    public void Setup()
    {
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        _sse = new EventStreamWriter(_pipe.Writer, "3f0c2d9e-8a52-4f5e-9a4b-1c2d3e4f5a6b");
    }

    [Benchmark]
    public async Task SseDeltaEvent()
    {
        await NativeEvents.WriteAsync(_sse, ChatEventNames.Delta, "new text since the last event", static (json, text) => json.WriteString("text", text), CancellationToken.None);
        _pipe.Reader.TryRead(out var read);
        _pipe.Reader.AdvanceTo(read.Buffer.End);
    }

    [Benchmark]
    public async Task SuccessEnvelope()
    {
        var context = new DefaultHttpContext { TraceIdentifier = "3f0c2d9e-8a52-4f5e-9a4b-1c2d3e4f5a6b" };
        context.Response.Body = Stream.Null;
        await _envelope.WriteSuccessAsync(context, _result, GatewayJsonContext.Default.ChatResult);
    }
}
