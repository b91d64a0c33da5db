using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// The Messages API's wire format: a <c>message</c> object, or its named Server-Sent Events: <c>message_start</c>
/// (with usage), then per block <c>content_block_start</c>, <c>content_block_delta</c> (<c>thinking_delta</c> +
/// <c>signature_delta</c>, <c>text_delta</c>, <c>citations_delta</c>) and <c>content_block_stop</c>, then
/// <c>message_delta</c> (stop reason, usage) and <c>message_stop</c>. Emulated tool calls are <c>tool_use</c> blocks, each
/// a start, one <c>input_json_delta</c> with the whole arguments and a stop. Usage is the gateway's estimate
/// (<see cref="UsageEstimator"/>): thinking counts as output, as Anthropic counts it. While upstream is silent the stream carries
/// <c>ping</c> events, as Anthropic's does. A failure after the start is an <c>error</c> event, for which the Anthropic
/// SDK raises its APIError.
/// </summary>
internal sealed class AnthropicChatFormat : IChatWireFormat
{
    private static ReadOnlySpan<byte> MessageStart => "event: message_start\ndata: "u8;
    private static ReadOnlySpan<byte> BlockStart => "event: content_block_start\ndata: "u8;
    private static ReadOnlySpan<byte> BlockDelta => "event: content_block_delta\ndata: "u8;
    private static ReadOnlySpan<byte> BlockStop => "event: content_block_stop\ndata: "u8;
    private static ReadOnlySpan<byte> MessageDelta => "event: message_delta\ndata: "u8;
    private static ReadOnlySpan<byte> MessageStop => "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"u8;
    private static ReadOnlySpan<byte> Ping => "event: ping\ndata: {\"type\":\"ping\"}\n\n"u8;
    private static ReadOnlySpan<byte> ErrorEvent => "event: error\ndata: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private readonly AnthropicMessageWriter _writer;
    private readonly bool _includeThoughts;
    private readonly string _prompt;
    private readonly AnswerEmulation? _emulation;

    private int _index = -1;
    private Block _open = Block.None;

    /// <param name="prompt">The prompt sent upstream (the input estimate).</param>
    /// <param name="emulation">Emulated tools, whose accepted answer holds the calls; null without tools.</param>
    public AnthropicChatFormat(AnthropicMessageWriter writer, bool includeThoughts, string prompt, AnswerEmulation? emulation)
    {
        _writer = writer;
        _includeThoughts = includeThoughts;
        _prompt = prompt;
        _emulation = emulation;
    }

    private enum Block
    {
        None,
        Thinking,
        Text,
    }

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool SendsHeartbeats => true;

    private IReadOnlyList<ToolCall> Calls => _emulation?.Answer?.ToolCalls ?? [];

    /// <summary>Known before the answer: the prompt's estimate, or every reviewed turn's once an emulated answer is accepted.</summary>
    private int InputTokens => _emulation is { Answer: not null } reviewed ? reviewed.Usage.PromptTokens : UsageEstimator.Tokens(_prompt);

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result) =>
        CompatAnswer.WriteAsync(call.Context, (this, result), static (json, s) => s.Item1._writer.WriteMessage(json, s.result, s.Item1._includeThoughts, s.Item1.Calls, s.Item1.UsageOf(s.result)));

    public bool Shows(ChatEvent item) => item is ChatEvent.TextDelta || (_includeThoughts && item is ChatEvent.ThoughtDelta);

    public async ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(MessageStart, this, static (json, f) => f._writer.WriteMessageStart(json, f.InputTokens), EventEnd, cancellationToken);
        await writer.WriteRawAsync(Ping, cancellationToken);
    }

    public ValueTask<System.IO.Pipelines.FlushResult> WriteHeartbeatAsync(EventStreamWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteRawAsync(Ping, cancellationToken);
    }

    public async ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case ChatEvent.ThoughtDelta thought:
                await OpenAsync(writer, Block.Thinking, cancellationToken);
                await DeltaAsync(writer, "thinking_delta", "thinking", thought.Text, cancellationToken);
                break;
            case ChatEvent.TextDelta delta:
                await OpenAsync(writer, Block.Text, cancellationToken);
                await DeltaAsync(writer, "text_delta", "text", delta.Text, cancellationToken);
                break;
            case ChatEvent.Completed completed:
                await CompleteAsync(writer, completed.Result, cancellationToken);
                break;
        }
    }

    public async ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(ErrorEvent, (failure, writer.RequestId), static (json, s) => AnthropicErrorWriter.Write(json, ErrorCatalog.Describe(s.failure.Code), s.failure.Message, null, s.RequestId), EventEnd, CancellationToken.None);
    }

    private async ValueTask CompleteAsync(EventStreamWriter writer, ChatResult result, CancellationToken cancellationToken)
    {
        // Images have no block of their own; they end the text, as on the other surfaces. A message without tool calls
        // always has a text block.
        var calls = Calls;
        var images = CompatJson.ImagesSuffix(result);
        if (images.Length > 0 || result.Citations.Count > 0 || (calls.Count == 0 && _open != Block.Text))
        {
            await OpenAsync(writer, Block.Text, cancellationToken);
        }

        if (images.Length > 0)
        {
            await DeltaAsync(writer, "text_delta", "text", images, cancellationToken);
        }

        foreach (var citation in result.Citations)
        {
            await writer.WriteAsync(BlockDelta, (_index, citation), static (json, s) => AnthropicMessageWriter.WriteCitationDelta(json, s._index, s.citation), EventEnd, cancellationToken);
        }

        await CloseAsync(writer, cancellationToken);
        foreach (var call in calls)
        {
            _index++;
            await writer.WriteAsync(BlockStart, (_index, call), static (json, s) => AnthropicMessageWriter.WriteToolUseStart(json, s._index, s.call), EventEnd, cancellationToken);
            await DeltaAsync(writer, "input_json_delta", "partial_json", call.ArgumentsJson, cancellationToken);
            await writer.WriteAsync(BlockStop, _index, static (json, index) => AnthropicMessageWriter.WriteBlockStop(json, index), EventEnd, cancellationToken);
        }

        var stop = (Reason: AnthropicMessageWriter.StopReason(calls), Usage: UsageOf(result));
        await writer.WriteAsync(MessageDelta, stop, static (json, s) => AnthropicMessageWriter.WriteMessageDelta(json, s.Reason, s.Usage), EventEnd, cancellationToken);
        await writer.WriteRawAsync(MessageStop, cancellationToken);
    }

    private async ValueTask OpenAsync(EventStreamWriter writer, Block block, CancellationToken cancellationToken)
    {
        if (_open == block)
        {
            return;
        }

        await CloseAsync(writer, cancellationToken);
        _index++;
        _open = block;
        await writer.WriteAsync(BlockStart, (_index, block == Block.Thinking), static (json, s) => AnthropicMessageWriter.WriteBlockStart(json, s._index, s.Item2), EventEnd, cancellationToken);
    }

    private async ValueTask CloseAsync(EventStreamWriter writer, CancellationToken cancellationToken)
    {
        if (_open == Block.None)
        {
            return;
        }

        if (_open == Block.Thinking)
        {
            await DeltaAsync(writer, "signature_delta", "signature", AnthropicMessageWriter.ThinkingSignature, cancellationToken);
        }

        await writer.WriteAsync(BlockStop, _index, static (json, index) => AnthropicMessageWriter.WriteBlockStop(json, index), EventEnd, cancellationToken);
        _open = Block.None;
    }

    private async ValueTask DeltaAsync(EventStreamWriter writer, string kind, string field, string value, CancellationToken cancellationToken) =>
        await writer.WriteAsync(BlockDelta, (_index, kind, field, value), static (json, s) => AnthropicMessageWriter.WriteDelta(json, s._index, s.kind, s.field, s.value), EventEnd, cancellationToken);

    private AnthropicUsage UsageOf(ChatResult result)
    {
        var estimate = _emulation is { Answer: not null } reviewed ? reviewed.Usage : UsageEstimator.Estimate(_prompt, result);
        return new AnthropicUsage(estimate.PromptTokens, estimate.CompletionTokens + estimate.ThoughtsTokens);
    }
}
