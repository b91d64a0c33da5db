using BridgeEngine.Contracts;
using Gateway.Pipeline;

namespace Gateway.Output;

/// <summary>
/// <c>/api/chat</c>'s wire format: the JSON envelope, or Server-Sent Events <c>metadata</c>, <c>thought</c>, <c>delta</c>,
/// <c>image</c>, <c>citation</c>, <c>done</c> (the envelope's <c>data</c>) and <c>error</c>.
/// </summary>
internal sealed class NativeChatFormat : IChatWireFormat
{
    private readonly EnvelopeWriter _envelope;

    public NativeChatFormat(EnvelopeWriter envelope)
    {
        _envelope = envelope;
    }

    public string StreamContentType => NativeEvents.ContentType;

    public bool SendsHeartbeats => true;

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result) =>
        _envelope.WriteSuccessAsync(call.Context, result, GatewayJsonContext.Default.ChatResult);

    public bool Shows(ChatEvent item) => true;

    public ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken) => await (item switch
    {
        ChatEvent.TextDelta delta => NativeEvents.WriteAsync(writer, ChatEventNames.Delta, delta.Text, static (json, text) => json.WriteString("text", text), cancellationToken),
        ChatEvent.ThoughtDelta thought => NativeEvents.WriteAsync(writer, ChatEventNames.Thought, thought.Text, static (json, text) => json.WriteString("text", text), cancellationToken),
        ChatEvent.ImageFound image => NativeEvents.WriteValueAsync(writer, ChatEventNames.Image, "image", image.Image, GatewayJsonContext.Default.ChatImage, cancellationToken),
        ChatEvent.MediaFound media => NativeEvents.WriteValueAsync(writer, ChatEventNames.Media, "media", media.Media, GatewayJsonContext.Default.ChatMedia, cancellationToken),
        ChatEvent.CitationFound citation => NativeEvents.WriteValueAsync(writer, ChatEventNames.Citation, "citation", citation.Citation, GatewayJsonContext.Default.Citation, cancellationToken),
        ChatEvent.ConversationUpdated metadata => NativeEvents.WriteValueAsync(writer, ChatEventNames.Metadata, "conversation", metadata.Conversation, GatewayJsonContext.Default.ConversationRef, cancellationToken),
        ChatEvent.Completed done => NativeEvents.WriteValueAsync(writer, ChatEventNames.Done, "data", done.Result, GatewayJsonContext.Default.ChatResult, cancellationToken),
        _ => ValueTask.FromResult(default(System.IO.Pipelines.FlushResult)),
    });

    public ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure) => NativeEvents.WriteErrorAsync(writer, failure);
}
