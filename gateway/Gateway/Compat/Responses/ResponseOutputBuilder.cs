using BridgeEngine.Contracts;
using Gateway.Compat.Tools;

namespace Gateway.Compat.Responses;

/// <summary>
/// Mints the ids of one response (<see cref="ResponseIdCodec"/>): every id carries the same conversation reference and
/// the response's function calls, told apart by kind and output index.
/// </summary>
internal sealed class ResponseOutputBuilder
{
    private readonly ResponseIdCodec _codec;
    private readonly ResponseReference _reference;

    public ResponseOutputBuilder(ResponseIdCodec codec, ConversationRef conversation, IReadOnlyList<ToolCall> calls)
    {
        _codec = codec;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            names[call.Id] = call.Name;
        }

        _reference = new ResponseReference(conversation, names);
        ResponseId = codec.Encode(ResponseItemKind.Response, 0, _reference);
    }

    public string ResponseId { get; }

    public string ItemId(ResponseItemKind kind, int outputIndex) => _codec.Encode(kind, outputIndex, _reference);

    /// <summary>The whole output of a collected answer: reasoning (if any), the message (unless only calls), the calls.</summary>
    public IReadOnlyList<ResponseOutputItem> Output(ChatResult result, IReadOnlyList<ToolCall> calls)
    {
        ArgumentNullException.ThrowIfNull(result);
        var items = new List<ResponseOutputItem>();
        if (!string.IsNullOrEmpty(result.Thoughts))
        {
            items.Add(new ResponseOutputItem(ResponseItemKind.Reasoning, ItemId(ResponseItemKind.Reasoning, items.Count), result.Thoughts));
        }

        var text = CompatJson.TextWithImages(result);
        if (text.Length > 0 || calls.Count == 0)
        {
            items.Add(new ResponseOutputItem(ResponseItemKind.Message, ItemId(ResponseItemKind.Message, items.Count), text) { Citations = result.Citations });
        }

        foreach (var call in calls)
        {
            items.Add(new ResponseOutputItem(ResponseItemKind.FunctionCall, ItemId(ResponseItemKind.FunctionCall, items.Count), string.Empty) { Call = call });
        }

        return items;
    }
}
