using BridgeEngine.Contracts;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Chat Completions' wire format: a <c>chat.completion</c> object, or <c>chat.completion.chunk</c> Server-Sent Events
/// (role chunk, content and <c>reasoning_content</c> deltas, finish chunk) ending with <c>data: [DONE]</c>. Metadata,
/// image and citation events wait for the end. A failure after the start is a data message holding <c>error</c>, for
/// which OpenAI SDKs raise their APIError.
/// </summary>
internal sealed class OpenAiChatFormat : IChatWireFormat
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    private readonly OpenAiCompletionWriter _writer;

    public OpenAiChatFormat(OpenAiCompletionWriter writer)
    {
        _writer = writer;
    }

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool SendsHeartbeats => true;

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result) =>
        CompatAnswer.WriteAsync(call.Context, (_writer, result), static (json, s) => s._writer.WriteCompletion(json, s.result, includeThoughts: true));

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

                await writer.WriteAsync(DataPrefix, _writer, static (json, w) => w.WriteFinishChunk(json), EventEnd, cancellationToken);
                await writer.WriteRawAsync(Done, cancellationToken);
                break;
        }
    }

    public async ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure) =>
        await writer.WriteAsync(DataPrefix, failure, static (json, f) => OpenAiErrorWriter.Write(json, ErrorCatalog.Describe(f.Code), f.Message, null), EventEnd, CancellationToken.None);
}
