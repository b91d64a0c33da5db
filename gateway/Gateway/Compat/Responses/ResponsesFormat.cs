using System.Text;
using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// The Responses API's wire format: a <c>response</c> object, or the documented stream of named events, each with a
/// rising <c>sequence_number</c>: <c>response.created</c>, <c>response.in_progress</c>, then per output item
/// <c>response.output_item.added</c> ... <c>response.output_item.done</c> (reasoning summary events from Gemini's
/// thoughts; <c>content_part</c> and <c>output_text</c> events for the answer; <c>function_call_arguments</c> events for
/// emulated calls), and <c>response.completed</c>. A failure after the start is an <c>error</c> event followed by
/// <c>response.failed</c>. Ids carry the conversation reference, so <c>response.created</c> waits for Gemini's first
/// conversation ids: in a stream the reference has no context token yet (Unsure (§5.5): follow-ups work without it).
/// </summary>
internal sealed class ResponsesFormat : IChatWireFormat
{
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private readonly ResponseWriter _writer;
    private readonly ResponseIdCodec _codec;
    private readonly string _prompt;
    private readonly AnswerEmulation? _emulation;
    private readonly List<ChatEvent> _pending = [];
    private readonly List<ResponseOutputItem> _done = [];
    private readonly StringBuilder _thoughts = new();
    private readonly StringBuilder _text = new();
    private ResponseOutputBuilder? _ids;
    private int _sequence;
    private string? _reasoningId;
    private int _reasoningIndex = -1;
    private string? _messageId;
    private int _messageIndex = -1;

    public ResponsesFormat(ResponseWriter writer, ResponseIdCodec codec, string prompt, AnswerEmulation? emulation)
    {
        _writer = writer;
        _codec = codec;
        _prompt = prompt;
        _emulation = emulation;
    }

    public string StreamContentType => "text/event-stream; charset=utf-8";

    public bool SendsHeartbeats => true;

    private IReadOnlyList<ToolCall> Calls => _emulation?.Answer?.ToolCalls ?? [];

    public Task WriteAnswerAsync(BridgeCall call, ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        var ids = new ResponseOutputBuilder(_codec, result.Conversation, Calls);
        var output = ids.Output(result, Calls);
        var usage = Usage(result);
        UsageEstimator.MarkEstimated(call.Response);
        return CompatAnswer.WriteAsync(call.Context, (this, ids.ResponseId, output, usage), static (json, s) => s.Item1._writer.WriteResponse(json, s.ResponseId, "completed", s.output, s.usage));
    }

    public bool Shows(ChatEvent item) => item is ChatEvent.TextDelta or ChatEvent.ThoughtDelta or ChatEvent.ConversationUpdated;

    /// <summary>Nothing yet: <c>response.created</c> needs the conversation ids, which come with the first events.</summary>
    public ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (item)
        {
            case ChatEvent.ConversationUpdated updated when _ids is null:
                await StartAsync(writer, updated.Conversation, cancellationToken);
                break;
            case ChatEvent.TextDelta or ChatEvent.ThoughtDelta when _ids is null:
                _pending.Add(item);
                break;
            case ChatEvent.ThoughtDelta thought:
                await ThoughtAsync(writer, thought.Text, cancellationToken);
                break;
            case ChatEvent.TextDelta delta:
                await TextAsync(writer, delta.Text, cancellationToken);
                break;
            case ChatEvent.Completed completed:
                if (_ids is null)
                {
                    await StartAsync(writer, completed.Result.Conversation, cancellationToken);
                }

                await FinishAsync(writer, completed.Result, cancellationToken);
                break;
        }
    }

    public async ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(failure);
        var descriptor = ErrorCatalog.Describe(failure.Code);
        var message = string.IsNullOrEmpty(failure.Message) ? descriptor.DefaultMessage : failure.Message;
        await SendAsync(writer, "error", json =>
        {
            json.WriteString("code", descriptor.Code);
            json.WriteString("message", message);
            if (string.IsNullOrEmpty(failure.Param))
            {
                json.WriteNull("param");
            }
            else
            {
                json.WriteString("param", failure.Param);
            }
        }, CancellationToken.None);

        if (_ids is not null)
        {
            await SendResponseAsync(writer, "response.failed", "failed", [.. _done], null, (descriptor, message), CancellationToken.None);
        }
    }

    private async ValueTask StartAsync(EventStreamWriter writer, ConversationRef conversation, CancellationToken cancellationToken)
    {
        _ids = new ResponseOutputBuilder(_codec, conversation, Calls);
        await SendResponseAsync(writer, "response.created", "in_progress", [], null, null, cancellationToken);
        await SendResponseAsync(writer, "response.in_progress", "in_progress", [], null, null, cancellationToken);
        foreach (var pending in _pending)
        {
            await WriteStreamEventAsync(writer, pending, cancellationToken);
        }

        _pending.Clear();
    }

    private async ValueTask ThoughtAsync(EventStreamWriter writer, string text, CancellationToken cancellationToken)
    {
        // Thinking that arrives after the answer began is not shown (an output item cannot be reopened).
        if (text.Length == 0 || _messageId is not null || (_reasoningIndex >= 0 && _reasoningId is null))
        {
            return;
        }

        if (_reasoningId is null)
        {
            _reasoningIndex = _done.Count;
            _reasoningId = _ids!.ItemId(ResponseItemKind.Reasoning, _reasoningIndex);
            var added = new ResponseOutputItem(ResponseItemKind.Reasoning, _reasoningId, string.Empty);
            await SendAsync(writer, "response.output_item.added", json => ItemEvent(json, _reasoningIndex, added, done: false), cancellationToken);
            await SendAsync(writer, "response.reasoning_summary_part.added", json => SummaryEvent(json, string.Empty, "part"), cancellationToken);
        }

        _thoughts.Append(text);
        await SendAsync(writer, "response.reasoning_summary_text.delta", json => SummaryEvent(json, text, "delta"), cancellationToken);
    }

    private async ValueTask CloseReasoningAsync(EventStreamWriter writer, CancellationToken cancellationToken)
    {
        if (_reasoningId is null)
        {
            return;
        }

        var text = _thoughts.ToString();
        var item = new ResponseOutputItem(ResponseItemKind.Reasoning, _reasoningId, text);
        await SendAsync(writer, "response.reasoning_summary_text.done", json => SummaryEvent(json, text, "text"), cancellationToken);
        await SendAsync(writer, "response.reasoning_summary_part.done", json => SummaryEvent(json, text, "part"), cancellationToken);
        await SendAsync(writer, "response.output_item.done", json => ItemEvent(json, _reasoningIndex, item, done: true), cancellationToken);
        _done.Add(item);
        _reasoningId = null;
    }

    private async ValueTask TextAsync(EventStreamWriter writer, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return;
        }

        await OpenMessageAsync(writer, cancellationToken);
        _text.Append(text);
        await SendAsync(writer, "response.output_text.delta", json =>
        {
            TextPosition(json);
            json.WriteString("delta", text);
            json.WriteStartArray("logprobs");
            json.WriteEndArray();
        }, cancellationToken);
    }

    private async ValueTask OpenMessageAsync(EventStreamWriter writer, CancellationToken cancellationToken)
    {
        if (_messageId is not null)
        {
            return;
        }

        await CloseReasoningAsync(writer, cancellationToken);
        _messageIndex = _done.Count;
        _messageId = _ids!.ItemId(ResponseItemKind.Message, _messageIndex);
        var added = new ResponseOutputItem(ResponseItemKind.Message, _messageId, string.Empty);
        await SendAsync(writer, "response.output_item.added", json => ItemEvent(json, _messageIndex, added, done: false), cancellationToken);
        await SendAsync(writer, "response.content_part.added", json =>
        {
            TextPosition(json);
            json.WritePropertyName("part");
            ResponseWriter.WriteTextPart(json, string.Empty, []);
        }, cancellationToken);
    }

    private async ValueTask FinishAsync(EventStreamWriter writer, ChatResult result, CancellationToken cancellationToken)
    {
        await CloseReasoningAsync(writer, cancellationToken);
        await TextAsync(writer, CompatJson.ImagesSuffix(result), cancellationToken);
        var calls = Calls;
        if (_messageId is null && calls.Count == 0)
        {
            await OpenMessageAsync(writer, cancellationToken);
        }

        if (_messageId is not null)
        {
            var text = _text.ToString();
            var message = new ResponseOutputItem(ResponseItemKind.Message, _messageId, text) { Citations = result.Citations };
            await SendAsync(writer, "response.output_text.done", json =>
            {
                TextPosition(json);
                json.WriteString("text", text);
                json.WriteStartArray("logprobs");
                json.WriteEndArray();
            }, cancellationToken);
            await SendAsync(writer, "response.content_part.done", json =>
            {
                TextPosition(json);
                json.WritePropertyName("part");
                ResponseWriter.WriteTextPart(json, text, result.Citations);
            }, cancellationToken);
            await SendAsync(writer, "response.output_item.done", json => ItemEvent(json, _messageIndex, message, done: true), cancellationToken);
            _done.Add(message);
        }

        foreach (var call in calls)
        {
            await CallAsync(writer, call, cancellationToken);
        }

        await SendResponseAsync(writer, "response.completed", "completed", [.. _done], Usage(result), null, cancellationToken);
    }

    private async ValueTask CallAsync(EventStreamWriter writer, ToolCall call, CancellationToken cancellationToken)
    {
        var index = _done.Count;
        var item = new ResponseOutputItem(ResponseItemKind.FunctionCall, _ids!.ItemId(ResponseItemKind.FunctionCall, index), string.Empty) { Call = call };
        var arguments = call.ArgumentsJson;
        await SendAsync(writer, "response.output_item.added", json => ItemEvent(json, index, item, done: false), cancellationToken);
        await SendAsync(writer, "response.function_call_arguments.delta", json =>
        {
            json.WriteString("item_id", item.Id);
            json.WriteNumber("output_index", index);
            json.WriteString("delta", arguments);
        }, cancellationToken);
        await SendAsync(writer, "response.function_call_arguments.done", json =>
        {
            json.WriteString("item_id", item.Id);
            json.WriteNumber("output_index", index);
            json.WriteString("name", call.Name);
            json.WriteString("arguments", arguments);
        }, cancellationToken);
        await SendAsync(writer, "response.output_item.done", json => ItemEvent(json, index, item, done: true), cancellationToken);
        _done.Add(item);
    }

    private UsageEstimate Usage(ChatResult result) => _emulation?.Usage is { TotalTokens: > 0 } emulated ? emulated : UsageEstimator.Estimate(_prompt, result);

    private void TextPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id", _messageId);
        json.WriteNumber("output_index", _messageIndex);
        json.WriteNumber("content_index", 0);
    }

    private static void ItemEvent(Utf8JsonWriter json, int index, ResponseOutputItem item, bool done)
    {
        json.WriteNumber("output_index", index);
        json.WritePropertyName("item");
        ResponseWriter.WriteItem(json, item, done);
    }

    /// <param name="field">"part" (summary_part events), "delta" or "text".</param>
    private void SummaryEvent(Utf8JsonWriter json, string text, string field)
    {
        json.WriteString("item_id", _reasoningId);
        json.WriteNumber("output_index", _reasoningIndex);
        json.WriteNumber("summary_index", 0);
        if (field == "part")
        {
            json.WritePropertyName("part");
            ResponseWriter.WriteSummaryPart(json, text);
        }
        else
        {
            json.WriteString(field, text);
        }
    }

    private ValueTask SendResponseAsync(EventStreamWriter writer, string type, string status, IReadOnlyList<ResponseOutputItem> output, UsageEstimate? usage, (ErrorDescriptor, string?)? error, CancellationToken cancellationToken) =>
        SendAsync(writer, type, json =>
        {
            json.WritePropertyName("response");
            _writer.WriteResponse(json, _ids!.ResponseId, status, output, usage, error);
        }, cancellationToken);

    /// <summary>One named SSE event: <c>event: type</c>, then data holding type, the fields and the sequence number.</summary>
    private async ValueTask SendAsync(EventStreamWriter writer, string type, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        var sequence = _sequence++;
        var prefix = Encoding.UTF8.GetBytes("event: " + type + "\ndata: ");
        await writer.WriteAsync(prefix, (type, fields, sequence), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("type", s.type);
            s.fields(json);
            json.WriteNumber("sequence_number", s.sequence);
            json.WriteEndObject();
        }, EventEnd, cancellationToken);
    }
}
