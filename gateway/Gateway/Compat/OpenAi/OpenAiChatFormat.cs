using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Chat Completions' wire format: a <c>chat.completion</c> object, or <c>chat.completion.chunk</c> Server-Sent Events
/// (role chunk, content and <c>reasoning_content</c> deltas, emulated <c>tool_calls</c> deltas, finish chunk, the usage
/// chunk when asked) ending with <c>data: [DONE]</c>. Metadata,
/// image and citation events wait for the end. A failure after the start is a data message holding <c>error</c>, for
/// which OpenAI SDKs raise their APIError.
/// </summary>
internal sealed class OpenAiChatFormat : IChatWireFormat
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    private readonly OpenAiCompletionWriter _writer;
    private readonly AnswerEmulation? _emulation;
    private readonly string _prompt;
    private readonly bool _streamUsage;

    public OpenAiChatFormat(OpenAiCompletionWriter writer)
        : this(writer, null, string.Empty, streamUsage: false)
    {
    }

    /// <param name="emulation">Emulated tools / structured output of the request (its accepted answer is written).</param>
    /// <param name="prompt">The prompt sent upstream, for the usage estimate when nothing is emulated.</param>
    /// <param name="streamUsage">End a stream with the usage chunk (<c>stream_options.include_usage</c>).</param>
    public OpenAiChatFormat(OpenAiCompletionWriter writer, AnswerEmulation? emulation, string prompt, bool streamUsage)
    {
        _writer = writer;
        _emulation = emulation;
        _prompt = prompt;
        _streamUsage = streamUsage;
    }

    private IReadOnlyList<ToolCall> Calls => _emulation?.Answer?.ToolCalls ?? [];

    private UsageEstimate Usage(ChatResult result) => _emulation?.Usage ?? UsageEstimator.Estimate(_prompt, result);

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool SendsHeartbeats => true;

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        UsageEstimator.MarkEstimated(call.Response);
        return CompatAnswer.WriteAsync(call.Context, (this, result), static (json, s) => s.Item1._writer.WriteCompletion(json, s.result, includeThoughts: true, s.Item1.Calls, s.Item1.Usage(s.result)));
    }

    public bool Shows(ChatEvent item) => item is ChatEvent.TextDelta or ChatEvent.ThoughtDelta;

    public async ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken) =>
        await writer.WriteAsync(DataPrefix, _writer, static (json, w) => w.WriteRoleChunk(json), EventEnd, cancellationToken);

    public async ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case ChatEvent.TextDelta delta:
                await writer.WriteAsync(DataPrefix, (_writer, delta.Text), static (json, s) => s._writer.WriteContentChunk(json, s.Text), EventEnd, cancellationToken);
                break;
            case ChatEvent.ThoughtDelta thought:
                await writer.WriteAsync(DataPrefix, (_writer, thought.Text), static (json, s) => s._writer.WriteReasoningChunk(json, s.Text), EventEnd, cancellationToken);
                break;
            case ChatEvent.Completed completed:
                var images = CompatJson.ImagesSuffix(completed.Result);
                if (images.Length > 0)
                {
                    await writer.WriteAsync(DataPrefix, (_writer, images), static (json, s) => s._writer.WriteContentChunk(json, s.images), EventEnd, cancellationToken);
                }

                var calls = Calls;
                if (calls.Count > 0)
                {
                    await writer.WriteAsync(DataPrefix, (_writer, calls), static (json, s) => s._writer.WriteToolCallsChunk(json, s.calls), EventEnd, cancellationToken);
                }

                await writer.WriteAsync(DataPrefix, (_writer, calls), static (json, s) => s._writer.WriteFinishChunk(json, OpenAiCompletionWriter.FinishReason(s.calls)), EventEnd, cancellationToken);
                if (_streamUsage)
                {
                    await writer.WriteAsync(DataPrefix, (_writer, Usage(completed.Result)), static (json, s) => s._writer.WriteUsageChunk(json, s.Item2), EventEnd, cancellationToken);
                }

                await writer.WriteRawAsync(Done, cancellationToken);
                break;
        }
    }

    public async ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure) =>
        await writer.WriteAsync(DataPrefix, failure, static (json, f) => OpenAiErrorWriter.Write(json, ErrorCatalog.Describe(f.Code), f.Message, null), EventEnd, CancellationToken.None);
}
