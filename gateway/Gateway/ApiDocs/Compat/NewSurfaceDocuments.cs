using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Gateway.ApiDocs.Compat;

/// <summary>The Anthropic Messages request, as documented (AnthropicRequestReader is the authority).</summary>
[Description("An Anthropic Messages request: model, max_tokens and messages are required.")]
[AcceptsMoreFields]
internal sealed class AnthropicMessagesRequestDocument
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("max_tokens")]
    [Description("Required, as Anthropic requires it; accepted and ignored (reported in x-bridge-ignored-params).")]
    public required int MaxTokens { get; init; }

    [JsonPropertyName("messages")]
    [Description("user/assistant turns; content is a string or blocks (text, image, document, tool_use, tool_result).")]
    public required IReadOnlyList<object> Messages { get; init; }

    [JsonPropertyName("system")]
    public object? System { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }
}

/// <summary>The Anthropic Messages answer, as written by AnthropicMessageWriter.</summary>
[Description("An Anthropic message. usage holds the gateway's estimate (x-bridge-usage-estimated: true).")]
internal sealed class AnthropicMessageDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("content")]
    [Description("thinking, text and tool_use blocks.")]
    public required IReadOnlyList<object> Content { get; init; }

    [JsonPropertyName("stop_reason")]
    public string? StopReason { get; init; }

    [JsonPropertyName("usage")]
    public required object Usage { get; init; }
}

/// <summary>The OpenAI Responses request, as documented (the Responses readers are the authority).</summary>
[Description("An OpenAI Responses request: model and input are required.")]
[AcceptsMoreFields]
internal sealed class ResponsesRequestDocument
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("input")]
    [Description("A string, or items: message (input_text, input_image, input_file), item_reference, function_call_output, earlier output items.")]
    public required object Input { get; init; }

    [JsonPropertyName("instructions")]
    public string? Instructions { get; init; }

    [JsonPropertyName("previous_response_id")]
    [Description("Continue that response's conversation; the id carries it, signed (nothing is stored).")]
    public string? PreviousResponseId { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }
}

/// <summary>The OpenAI Responses answer, as written by the Responses writer.</summary>
[Description("A response object. usage holds the gateway's estimate (x-bridge-usage-estimated: true).")]
internal sealed class ResponsesResponseDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public required string ObjectType { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("output")]
    [Description("reasoning, message and function_call items.")]
    public required IReadOnlyList<object> Output { get; init; }

    [JsonPropertyName("usage")]
    public object? Usage { get; init; }
}
