using System.Text.Encodings.Web;
using System.Text.Json;

namespace BridgeEngine.Features.Common;

/// <summary>Writes RPC payload JSON (protocol §6.1: the payload is JSON text sent as a string).</summary>
public static class Json
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string literal for <paramref name="value"/>, quotes included.</summary>
    public static string Quote(string value) => Write(value, static (json, v) => json.WriteStringValue(v));

    /// <summary>A JSON value written by <paramref name="body"/>.</summary>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            body(json, state);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
