using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Gateway.Pipeline;

/// <summary>
/// The one writer of streamed answers (SSE events of every surface, and the Gemini API's streamed JSON array). Each
/// message is written straight into the response pipe and flushed: each is a self-contained piece the client may want
/// now, so nothing is held back. Compact JSON escapes control characters, so an SSE data line never breaks.
/// </summary>
/// <remarks>
/// System.Net.ServerSentEvents.SseFormatter was considered: it pulls from one IAsyncEnumerable and cannot interleave
/// comment heartbeats while upstream is silent, nor write the non-SSE JSON-array stream, and it formats through an
/// extra buffer per item; this writer serializes into the response pipe directly.
/// </remarks>
internal sealed class EventStreamWriter : IDisposable
{
    private static ReadOnlySpan<byte> Heartbeat => ": keep-alive\n\n"u8;

    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;

    public EventStreamWriter(PipeWriter pipe, string requestId)
    {
        _pipe = pipe;
        RequestId = requestId;
        _json = new Utf8JsonWriter(pipe, Output.JsonOutput.WriterOptions);
    }

    public string RequestId { get; }

    /// <summary>Writes <paramref name="prefix"/>, the JSON <paramref name="body"/> writes, <paramref name="suffix"/>, then flushes.</summary>
    public ValueTask<FlushResult> WriteAsync<TState>(ReadOnlySpan<byte> prefix, TState state, Action<Utf8JsonWriter, TState> body, ReadOnlySpan<byte> suffix, CancellationToken cancellationToken)
    {
        _pipe.Write(prefix);
        _json.Reset(_pipe);
        body(_json, state);
        _json.Flush();
        _pipe.Write(suffix);
        return _pipe.FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteRawAsync(ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        _pipe.Write(bytes);
        return _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>An SSE comment: EventSource clients and the SDKs skip it, proxies count it as traffic.</summary>
    public ValueTask<FlushResult> WriteHeartbeatAsync(CancellationToken cancellationToken) => WriteRawAsync(Heartbeat, cancellationToken);

    public void Dispose() => _json.Dispose();
}
