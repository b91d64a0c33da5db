using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using BridgeEngine.Errors;

namespace BridgeEngine.Parsing;

/// <summary>
/// The JSON carried as a string inside an envelope, parsed straight from the frame's bytes: the escaped string is
/// unescaped into a pooled buffer and parsed there, with no intermediate .NET string (the hot path of every
/// streamed frame). Dispose it to return the buffer.
/// </summary>
internal sealed class PayloadDocument : IDisposable
{
    private byte[]? _buffer;

    private PayloadDocument(JsonDocument document, byte[] buffer)
    {
        Document = document;
        _buffer = buffer;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public static PayloadDocument Parse(JsonElement payloadString)
    {
        var raw = JsonMarshal.GetRawUtf8Value(payloadString);
        var reader = new Utf8JsonReader(raw);
        reader.Read();

        // Unescaping never makes the text longer than its escaped form.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, reader.ValueSpan.Length));
        try
        {
            var length = reader.CopyString(buffer);
            if (!Utf8Text.IsValidJsonText(buffer.AsSpan(0, length)))
            {
                throw UpstreamErrorMapper.Malformed("a payload is not valid Unicode text");
            }

            return new PayloadDocument(JsonDocument.Parse(buffer.AsMemory(0, length)), buffer);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini sent an unreadable answer payload.", null, ex);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        Document.Dispose();
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
