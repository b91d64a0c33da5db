using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Gateway.Output;

/// <summary>
/// Writes Server-Sent Events straight into the response pipe and flushes each one: every event is a
/// self-contained message the client may want now, so nothing is held back. Heartbeats are SSE comments,
/// which EventSource clients ignore and proxies count as traffic.
/// </summary>
public sealed class SseEventWriter : IDisposable
{
    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    private static ReadOnlySpan<byte> DataPrefix => "\ndata: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Heartbeat => ": keep-alive\n\n"u8;

    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly string _requestId;

    public SseEventWriter(PipeWriter pipe, string requestId)
    {
        _pipe = pipe;
        _requestId = requestId;
        _json = new Utf8JsonWriter(pipe, JsonOutput.WriterOptions);
    }

    /// <summary>
    /// Writes one event whose data is a JSON object holding <c>requestId</c> plus what <paramref name="body"/>
    /// writes. Compact JSON escapes control characters, so the data never spans lines.
    /// </summary>
    public ValueTask<FlushResult> WriteEventAsync<TState>(string eventName, TState state, Action<Utf8JsonWriter, TState> body, CancellationToken cancellationToken)
    {
        _pipe.Write(EventPrefix);
        WriteAscii(eventName);
        _pipe.Write(DataPrefix);
        _json.Reset(_pipe);
        _json.WriteStartObject();
        _json.WriteString("requestId", _requestId);
        body(_json, state);
        _json.WriteEndObject();
        _json.Flush();
        _pipe.Write(EventEnd);
        return _pipe.FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteHeartbeatAsync(CancellationToken cancellationToken)
    {
        _pipe.Write(Heartbeat);
        return _pipe.FlushAsync(cancellationToken);
    }

    private void WriteAscii(string text)
    {
        var span = _pipe.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _pipe.Advance(text.Length);
    }

    public void Dispose() => _json.Dispose();
}
