using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat.Tools;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// The JSON of one Anthropic <c>message</c> and of its stream events. Thinking blocks carry <see cref="ThinkingSignature"/>:
/// the Gemini web app gives no signature, clients only need the field to be there, and blocks sent back are not replayed.
/// Emulated tool calls are <c>tool_use</c> blocks with ids <c>toolu_...</c> and the stop reason <c>tool_use</c>.
/// </summary>
internal sealed class AnthropicMessageWriter
{
    /// <summary>The placeholder in every thinking block's <c>signature</c> (documented in docs/compat-apis.md).</summary>
    public const string ThinkingSignature = "gemini-bridge-unsigned";

    public const string EndTurn = "end_turn";
    public const string ToolUse = "tool_use";

    private readonly string _id;
    private readonly string _model;

    public AnthropicMessageWriter(string id, string model)
    {
        _id = id;
        _model = model;
    }

    public string Id => _id;

    public static string StopReason(IReadOnlyList<ToolCall> calls) => calls.Count > 0 ? ToolUse : EndTurn;

    /// <summary>Anthropic's id shape for a call the gateway minted (<c>call_</c> + hex becomes <c>toolu_</c> + hex).</summary>
    public static string ToolUseId(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Id.StartsWith("call_", StringComparison.Ordinal) ? "toolu_" + call.Id[5..] : call.Id;
    }

    /// <summary>The complete message, non-streaming: thinking (when shown), the text with any citations, then the tool calls.</summary>
    public void WriteMessage(Utf8JsonWriter json, ChatResult result, bool includeThoughts, IReadOnlyList<ToolCall> calls, AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartObject();
        WriteHead(json);
        json.WriteStartArray("content");
        if (includeThoughts && !string.IsNullOrEmpty(result.Thoughts))
        {
            json.WriteStartObject();
            json.WriteString("type", "thinking");
            json.WriteString("thinking", result.Thoughts);
            json.WriteString("signature", ThinkingSignature);
            json.WriteEndObject();
        }

        var text = CompatJson.TextWithImages(result);
        if (calls.Count == 0 || text.Length > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            if (result.Citations.Count > 0)
            {
                json.WriteStartArray("citations");
                foreach (var citation in result.Citations)
                {
                    WriteCitation(json, citation);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        foreach (var call in calls)
        {
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", ToolUseId(call));
            json.WriteString("name", call.Name);
            json.WritePropertyName("input");
            call.Arguments.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("stop_reason", StopReason(calls));
        json.WriteNull("stop_sequence");
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    /// <summary><c>message_start</c>: the message with no content yet and the input count.</summary>
    public void WriteMessageStart(Utf8JsonWriter json, int inputTokens)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "message_start");
        json.WriteStartObject("message");
        WriteHead(json);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        json.WriteNull("stop_sequence");
        WriteUsage(json, new AnthropicUsage(inputTokens, 0));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteBlockStart(Utf8JsonWriter json, int index, bool thinking)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "content_block_start");
        json.WriteNumber("index", index);
        json.WriteStartObject("content_block");
        if (thinking)
        {
            json.WriteString("type", "thinking");
            json.WriteString("thinking", string.Empty);
            json.WriteString("signature", string.Empty);
        }
        else
        {
            json.WriteString("type", "text");
            json.WriteString("text", string.Empty);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A <c>tool_use</c> block's start: its id and name, and an empty input the <c>input_json_delta</c> fills.</summary>
    public static void WriteToolUseStart(Utf8JsonWriter json, int index, ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(call);
        json.WriteStartObject();
        json.WriteString("type", "content_block_start");
        json.WriteNumber("index", index);
        json.WriteStartObject("content_block");
        json.WriteString("type", "tool_use");
        json.WriteString("id", ToolUseId(call));
        json.WriteString("name", call.Name);
        json.WriteStartObject("input");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>content_block_delta</c> of <paramref name="kind"/> (text_delta, thinking_delta, signature_delta) with its one field.</summary>
    public static void WriteDelta(Utf8JsonWriter json, int index, string kind, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "content_block_delta");
        json.WriteNumber("index", index);
        json.WriteStartObject("delta");
        json.WriteString("type", kind);
        json.WriteString(field, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteCitationDelta(Utf8JsonWriter json, int index, Citation citation)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "content_block_delta");
        json.WriteNumber("index", index);
        json.WriteStartObject("delta");
        json.WriteString("type", "citations_delta");
        json.WritePropertyName("citation");
        WriteCitation(json, citation);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteBlockStop(Utf8JsonWriter json, int index)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "content_block_stop");
        json.WriteNumber("index", index);
        json.WriteEndObject();
    }

    /// <summary><c>message_delta</c>: the stop reason and the usage of the whole message.</summary>
    public static void WriteMessageDelta(Utf8JsonWriter json, string stopReason, AnthropicUsage usage)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "message_delta");
        json.WriteStartObject("delta");
        json.WriteString("stop_reason", stopReason);
        json.WriteNull("stop_sequence");
        json.WriteEndObject();

        // Input as well as output: after an emulated repair turn the input covers both turns (clients take the last value).
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    private void WriteHead(Utf8JsonWriter json)
    {
        json.WriteString("id", _id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", _model);
    }

    private static void WriteUsage(Utf8JsonWriter json, AnthropicUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", usage.InputTokens);
        json.WriteNumber("output_tokens", usage.OutputTokens);
        json.WriteEndObject();
    }

    /// <summary>A source as Anthropic's web search citation; Gemini gives no quoted span or index, so those are empty.</summary>
    private static void WriteCitation(Utf8JsonWriter json, Citation citation)
    {
        json.WriteStartObject();
        json.WriteString("type", "web_search_result_location");
        json.WriteString("url", citation.Url);
        if (citation.Title is null)
        {
            json.WriteNull("title");
        }
        else
        {
            json.WriteString("title", citation.Title);
        }

        json.WriteString("cited_text", string.Empty);
        json.WriteString("encrypted_index", string.Empty);
        json.WriteEndObject();
    }
}
