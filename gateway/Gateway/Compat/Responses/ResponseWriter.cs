using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat.Usage;
using Gateway.Output;

namespace Gateway.Compat.Responses;

/// <summary>
/// The <c>response</c> object and its output items, as OpenAI documents them, for the plain answer and every stream
/// event. What the request asked for is echoed (model, instructions, metadata, tools, tool_choice, text format,
/// reasoning, previous_response_id); <c>store</c> is false because the gateway stores nothing; <c>usage</c> is the
/// gateway's estimate (flagged by <see cref="UsageEstimator.Header"/>), never Google's count.
/// </summary>
internal sealed class ResponseWriter
{
    private readonly ResponsesRequest _request;
    private readonly TimeProvider _time;
    private readonly long _createdAt;

    public ResponseWriter(ResponsesRequest request, TimeProvider time)
    {
        _request = request;
        _time = time;
        _createdAt = time.GetUtcNow().ToUnixTimeSeconds();
    }

    public void WriteResponse(Utf8JsonWriter json, string id, string status, IReadOnlyList<ResponseOutputItem> output, UsageEstimate? usage, (ErrorDescriptor Descriptor, string? Message)? error = null)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "response");
        json.WriteNumber("created_at", _createdAt);
        json.WriteString("status", status);
        json.WriteBoolean("background", false);
        if (status == "completed")
        {
            json.WriteNumber("completed_at", _time.GetUtcNow().ToUnixTimeSeconds());
        }
        else
        {
            json.WriteNull("completed_at");
        }

        if (error is { } failure)
        {
            json.WriteStartObject("error");
            json.WriteString("code", failure.Descriptor.Code);
            json.WriteString("message", string.IsNullOrEmpty(failure.Message) ? failure.Descriptor.DefaultMessage : failure.Message);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }

        json.WriteNull("incomplete_details");
        WriteOptional(json, "instructions", _request.Instructions);
        json.WriteNull("max_output_tokens");
        json.WriteNull("max_tool_calls");
        json.WriteString("model", _request.Input.Model);
        json.WriteStartArray("output");
        foreach (var item in output)
        {
            WriteItem(json, item, done: true);
        }

        json.WriteEndArray();
        json.WriteBoolean("parallel_tool_calls", _request.Input.ParallelToolCalls);
        WriteOptional(json, "previous_response_id", _request.PreviousResponseId);
        json.WriteStartObject("reasoning");
        WriteOptional(json, "effort", _request.ReasoningEffort);
        WriteOptional(json, "summary", _request.ReasoningSummary);
        json.WriteEndObject();
        json.WriteString("service_tier", "default");
        json.WriteBoolean("store", false);
        json.WriteNull("temperature");
        json.WriteStartObject("text");
        json.WritePropertyName("format");
        if (_request.TextFormat is { } format)
        {
            format.WriteTo(json);
        }
        else
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteEndObject();
        }

        json.WriteString("verbosity", "medium");
        json.WriteEndObject();
        json.WritePropertyName("tool_choice");
        if (_request.ToolChoice is { } choice)
        {
            choice.WriteTo(json);
        }
        else
        {
            json.WriteStringValue("auto");
        }

        json.WritePropertyName("tools");
        if (_request.Tools is { } tools)
        {
            tools.WriteTo(json);
        }
        else
        {
            json.WriteStartArray();
            json.WriteEndArray();
        }

        json.WriteNumber("top_logprobs", 0);
        json.WriteNull("top_p");
        json.WriteString("truncation", "disabled");
        if (usage is null)
        {
            json.WriteNull("usage");
        }
        else
        {
            WriteUsage(json, usage);
        }

        json.WriteNull("user");
        json.WritePropertyName("metadata");
        if (_request.Metadata is { } metadata)
        {
            metadata.WriteTo(json);
        }
        else
        {
            json.WriteStartObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>An output item; not <paramref name="done"/> = as <c>response.output_item.added</c> announces it (empty, in progress).</summary>
    public static void WriteItem(Utf8JsonWriter json, ResponseOutputItem item, bool done)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(item);
        json.WriteStartObject();
        json.WriteString("id", item.Id);
        switch (item.Kind)
        {
            case ResponseItemKind.Reasoning:
                json.WriteString("type", "reasoning");
                json.WriteStartArray("summary");
                if (done && item.Text.Length > 0)
                {
                    WriteSummaryPart(json, item.Text);
                }

                json.WriteEndArray();
                json.WriteNull("encrypted_content");
                json.WriteString("status", done ? "completed" : "in_progress");
                break;
            case ResponseItemKind.Message:
                json.WriteString("type", "message");
                json.WriteString("status", done ? "completed" : "in_progress");
                json.WriteString("role", "assistant");
                json.WriteStartArray("content");
                if (done)
                {
                    WriteTextPart(json, item.Text, item.Citations);
                }

                json.WriteEndArray();
                break;
            default:
                var call = item.Call!;
                json.WriteString("type", "function_call");
                json.WriteString("status", done ? "completed" : "in_progress");
                json.WriteString("call_id", call.Id);
                json.WriteString("name", call.Name);
                json.WriteString("arguments", done ? call.ArgumentsJson : string.Empty);
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>An <c>output_text</c> part; citations become <c>url_citation</c> annotations (Gemini gives no text span: 0..0).</summary>
    public static void WriteTextPart(Utf8JsonWriter json, string text, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(citations);
        json.WriteStartObject();
        json.WriteString("type", "output_text");
        json.WriteString("text", text);
        json.WriteStartArray("annotations");
        foreach (var citation in citations)
        {
            json.WriteStartObject();
            json.WriteString("type", "url_citation");
            json.WriteNumber("start_index", 0);
            json.WriteNumber("end_index", 0);
            json.WriteString("url", citation.Url);
            json.WriteString("title", citation.Title ?? citation.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteSummaryPart(Utf8JsonWriter json, string text)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("type", "summary_text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>OpenAI counts reasoning inside output tokens and reports it apart in the details.</summary>
    private static void WriteUsage(Utf8JsonWriter json, UsageEstimate usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", usage.PromptTokens);
        json.WriteStartObject("input_tokens_details");
        json.WriteNumber("cached_tokens", 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens", usage.CompletionTokens + usage.ThoughtsTokens);
        json.WriteStartObject("output_tokens_details");
        json.WriteNumber("reasoning_tokens", usage.ThoughtsTokens);
        json.WriteEndObject();
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
