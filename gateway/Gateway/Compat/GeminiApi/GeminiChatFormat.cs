using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// The Gemini API's wire format: a <c>GenerateContentResponse</c>, or a stream of them, as Server-Sent Events
/// (<c>?alt=sse</c>, as the SDKs ask) or otherwise as one JSON array written element by element. Thoughts are shown only
/// with <c>includeThoughts</c>; emulated calls are <c>functionCall</c> parts of the last chunk, after the answer was
/// buffered. A failure after the start is a last message holding <c>error</c>.
/// </summary>
internal sealed class GeminiChatFormat : IChatWireFormat
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ArrayStart => "["u8;
    private static ReadOnlySpan<byte> ArrayNext => ",\r\n"u8;
    private static ReadOnlySpan<byte> ArrayEnd => "]"u8;

    private readonly GeminiResponseWriter _writer;
    private readonly bool _includeThoughts;
    private readonly bool _sse;
    private readonly AnswerEmulation? _emulation;
    private readonly string _prompt;
    private bool _written;

    public GeminiChatFormat(GeminiResponseWriter writer, bool includeThoughts, bool sse)
        : this(writer, includeThoughts, sse, null, string.Empty)
    {
    }

    /// <param name="emulation">Emulated tools / JSON mode of the request (its accepted answer is written).</param>
    /// <param name="prompt">The prompt sent upstream, for the usage estimate when nothing is emulated.</param>
    public GeminiChatFormat(GeminiResponseWriter writer, bool includeThoughts, bool sse, AnswerEmulation? emulation, string prompt)
    {
        _writer = writer;
        _includeThoughts = includeThoughts;
        _sse = sse;
        _emulation = emulation;
        _prompt = prompt;
    }

    private IReadOnlyList<ToolCall> Calls => _emulation?.Answer?.ToolCalls ?? [];

    private UsageEstimate Usage(ChatResult result) => _emulation?.Usage ?? UsageEstimator.Estimate(_prompt, result);

    public string StreamContentType => _sse ? "text/event-stream; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>A JSON array has no comments, so heartbeats are for SSE only.</summary>
    public bool SendsHeartbeats => _sse;

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        UsageEstimator.MarkEstimated(call.Response);
        return CompatAnswer.WriteAsync(call.Context, (this, result), static (json, s) => s.Item1._writer.WriteResponse(json, s.result, s.Item1._includeThoughts, s.Item1.Calls, s.Item1.Usage(s.result)));
    }

    public bool Shows(ChatEvent item) => item is ChatEvent.TextDelta || (_includeThoughts && item is ChatEvent.ThoughtDelta);

    public ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken)
    {
        var prefix = _sse ? DataPrefix : _written ? ArrayNext : ArrayStart;
        var suffix = _sse ? EventEnd : [];
        switch (item)
        {
            case ChatEvent.TextDelta delta:
                await writer.WriteAsync(prefix, (_writer, delta.Text), static (json, s) => s._writer.WriteChunk(json, s.Text, thought: false), suffix, cancellationToken);
                break;
            case ChatEvent.ThoughtDelta thought:
                await writer.WriteAsync(prefix, (_writer, thought.Text), static (json, s) => s._writer.WriteChunk(json, s.Text, thought: true), suffix, cancellationToken);
                break;
            case ChatEvent.Completed completed:
                await writer.WriteAsync(prefix, (this, completed.Result), static (json, s) => s.Item1._writer.WriteFinalChunk(json, s.Result, s.Item1.Calls, s.Item1.Usage(s.Result)), suffix, cancellationToken);
                if (!_sse)
                {
                    await writer.WriteRawAsync(ArrayEnd, cancellationToken);
                }

                break;
        }

        _written = true;
    }

    public async ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure)
    {
        var prefix = _sse ? DataPrefix : _written ? ArrayNext : ArrayStart;
        await writer.WriteAsync(prefix, (failure, writer.RequestId), static (json, s) => GeminiErrorWriter.Write(json, ErrorCatalog.Describe(s.failure.Code), s.failure.Message, null, s.RequestId), _sse ? EventEnd : ArrayEnd, CancellationToken.None);
    }
}
