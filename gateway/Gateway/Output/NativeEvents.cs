using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.Pipeline;

namespace Gateway.Output;

/// <summary>
/// The native API's Server-Sent Events (<c>/api/chat</c>, research progress): <c>event: name</c>, then one data line
/// holding a JSON object with <c>requestId</c> plus what the event carries.
/// </summary>
internal static class NativeEvents
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private static readonly Dictionary<string, byte[]> Prefixes = new[]
    {
        ChatEventNames.Delta, ChatEventNames.Thought, ChatEventNames.Image, ChatEventNames.Citation, ChatEventNames.Metadata,
        ChatEventNames.Done, ChatEventNames.Error, ChatEventNames.Status, ChatEventNames.Media,
    }.ToDictionary(name => name, name => Encoding.ASCII.GetBytes("event: " + name + "\ndata: "), StringComparer.Ordinal);

    public static ValueTask<System.IO.Pipelines.FlushResult> WriteAsync<TState>(EventStreamWriter writer, string eventName, TState state, Action<Utf8JsonWriter, TState> body, CancellationToken cancellationToken) =>
        writer.WriteAsync(Prefixes[eventName], (writer.RequestId, state, body), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("requestId", s.RequestId);
            s.body(json, s.state);
            json.WriteEndObject();
        }, EventEnd, cancellationToken);

    /// <summary>An event whose payload is one serialized value under <paramref name="property"/> (next to <c>requestId</c>).</summary>
    public static ValueTask<System.IO.Pipelines.FlushResult> WriteValueAsync<T>(EventStreamWriter writer, string eventName, string property, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        WriteAsync(writer, eventName, (property, value, type), static (json, s) =>
        {
            json.WritePropertyName(s.property);
            JsonSerializer.Serialize(json, s.value, s.type);
        }, cancellationToken);

    /// <summary>The <c>error</c> event: the same <c>error</c> object as the envelope; the stream ends right after.</summary>
    public static async ValueTask WriteErrorAsync(EventStreamWriter writer, BridgeFailure failure) =>
        await WriteAsync(writer, ChatEventNames.Error, failure, static (json, f) => EnvelopeWriter.WriteError(json, ErrorCatalog.Describe(f.Code), f.Message), CancellationToken.None);
}
