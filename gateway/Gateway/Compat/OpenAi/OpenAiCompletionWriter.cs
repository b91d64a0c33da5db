using System.Text.Json;
using BridgeEngine.Contracts;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// The <c>chat.completion</c> object and the <c>chat.completion.chunk</c> objects of a stream. Thinking text goes in
/// <c>reasoning_content</c> (on the message, and on deltas), where OpenAI-compatible clients look for it. Emulated
/// tool calls are <c>tool_calls</c> (finish reason <c>tool_calls</c>). <c>usage</c> is the gateway's estimate
/// (<see cref="UsageEstimator"/>, flagged by <c>x-bridge-usage-estimated</c>): the Gemini web app reports no token
/// counts. Reasoning is counted in <c>completion_tokens</c> and in <c>completion_tokens_details.reasoning_tokens</c>, as OpenAI does.
/// </summary>
internal sealed class OpenAiCompletionWriter
{
    private readonly string _id;
    private readonly long _created;
    private readonly string _model;

    public OpenAiCompletionWriter(string id, long created, string model)
    {
        _id = id;
        _created = created;
        _model = model;
    }

    public void WriteCompletion(Utf8JsonWriter json, ChatResult result, bool includeThoughts, IReadOnlyList<ToolCall> calls, UsageEstimate usage)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(usage);
        json.WriteStartObject();
        WriteHead(json, "chat.completion");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        var content = CompatJson.TextWithImages(result);
        if (calls.Count > 0 && content.Length == 0)
        {
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", content);
        }

        if (calls.Count > 0)
        {
            json.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                WriteCall(json, call, index: null);
            }

            json.WriteEndArray();
        }

        if (includeThoughts && !string.IsNullOrEmpty(result.Thoughts))
        {
            json.WriteString("reasoning_content", result.Thoughts);
        }

        json.WriteNull("refusal");
        json.WriteStartArray("annotations");
        foreach (var citation in result.Citations)
        {
            json.WriteStartObject();
            json.WriteString("type", "url_citation");
            json.WriteStartObject("url_citation");
            json.WriteString("url", citation.Url);
            json.WriteString("title", citation.Title ?? citation.Url);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", FinishReason(calls));
        json.WriteEndObject();
        json.WriteEndArray();
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    public static string FinishReason(IReadOnlyList<ToolCall> calls) => calls.Count > 0 ? "tool_calls" : "stop";

    /// <summary>One chunk with every call, whole: the SDKs accumulate deltas by index, and a complete call is one delta.</summary>
    public void WriteToolCallsChunk(Utf8JsonWriter json, IReadOnlyList<ToolCall> calls) => WriteChunk(json, j =>
    {
        j.WriteStartArray("tool_calls");
        for (var i = 0; i < calls.Count; i++)
        {
            WriteCall(j, calls[i], i);
        }

        j.WriteEndArray();
    }, finishReason: null);

    /// <summary>The usage chunk of <c>stream_options.include_usage</c>: no choices, the estimate.</summary>
    public void WriteUsageChunk(Utf8JsonWriter json, UsageEstimate usage)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteHead(json, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteEndArray();
        WriteUsage(json, usage);
        json.WriteEndObject();
    }

    /// <summary>The first chunk: the role, as OpenAI sends it.</summary>
    public void WriteRoleChunk(Utf8JsonWriter json) => WriteChunk(json, static j =>
    {
        j.WriteString("role", "assistant");
        j.WriteString("content", string.Empty);
    }, finishReason: null);

    public void WriteContentChunk(Utf8JsonWriter json, string text) => WriteChunk(json, j => j.WriteString("content", text), finishReason: null);

    public void WriteReasoningChunk(Utf8JsonWriter json, string text) => WriteChunk(json, j => j.WriteString("reasoning_content", text), finishReason: null);

    /// <summary>The last chunk: an empty delta with the finish reason.</summary>
    public void WriteFinishChunk(Utf8JsonWriter json, string finishReason = "stop") => WriteChunk(json, static _ => { }, finishReason);

    private static void WriteCall(Utf8JsonWriter json, ToolCall call, int? index)
    {
        json.WriteStartObject();
        if (index is { } i)
        {
            json.WriteNumber("index", i);
        }

        json.WriteString("id", call.Id);
        json.WriteString("type", "function");
        json.WriteStartObject("function");
        json.WriteString("name", call.Name);
        json.WriteString("arguments", call.ArgumentsJson);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, UsageEstimate usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens + usage.ThoughtsTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteStartObject("completion_tokens_details");
        json.WriteNumber("reasoning_tokens", usage.ThoughtsTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteChunk(Utf8JsonWriter json, Action<Utf8JsonWriter> delta, string? finishReason)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteHead(json, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        delta(json);
        json.WriteEndObject();
        json.WriteNull("logprobs");
        if (finishReason is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteHead(Utf8JsonWriter json, string kind)
    {
        json.WriteString("id", _id);
        json.WriteString("object", kind);
        json.WriteNumber("created", _created);
        json.WriteString("model", _model);
        json.WriteNull("system_fingerprint");
    }
}
