using System.Text.Json;
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
        ChatEvent.ImageFound image => NativeEvents.WriteAsync(writer, ChatEventNames.Image, image.Image, static (json, value) =>
        {
            json.WritePropertyName("image");
            JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ChatImage);
        }, cancellationToken),
        ChatEvent.MediaFound media => NativeEvents.WriteAsync(writer, ChatEventNames.Media, media.Media, static (json, value) =>
        {
            json.WritePropertyName("media");
            JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ChatMedia);
        }, cancellationToken),
        ChatEvent.CitationFound citation => NativeEvents.WriteAsync(writer, ChatEventNames.Citation, citation.Citation, static (json, value) =>
        {
            json.WritePropertyName("citation");
            JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.Citation);
        }, cancellationToken),
        ChatEvent.ConversationUpdated metadata => NativeEvents.WriteAsync(writer, ChatEventNames.Metadata, metadata.Conversation, static (json, value) =>
        {
            json.WritePropertyName("conversation");
            JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ConversationRef);
        }, cancellationToken),
        ChatEvent.Completed done => NativeEvents.WriteAsync(writer, ChatEventNames.Done, done.Result, static (json, value) =>
        {
            json.WritePropertyName("data");
            JsonSerializer.Serialize(json, value, GatewayJsonContext.Default.ChatResult);
        }, cancellationToken),
        _ => ValueTask.FromResult(default(System.IO.Pipelines.FlushResult)),
    });

    public ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure) => NativeEvents.WriteErrorAsync(writer, failure);
}
