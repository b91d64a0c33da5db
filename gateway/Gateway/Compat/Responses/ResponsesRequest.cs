using System.Text.Json;

namespace Gateway.Compat.Responses;

/// <summary>
/// A <c>POST /v1/responses</c> request once read: the normalized chat input, the conversation it continues (from
/// <c>previous_response_id</c> or a referenced item; null = a new conversation) and what the response echoes back.
/// JSON values are clones (the request document is disposed after reading).
/// </summary>
internal sealed record ResponsesRequest
{
    public required CompatChatInput Input { get; init; }

    public ResponseReference? Continues { get; init; }

    public string? PreviousResponseId { get; init; }

    public string? Instructions { get; init; }

    public JsonElement? Metadata { get; init; }

    public string? ReasoningEffort { get; init; }

    public string? ReasoningSummary { get; init; }

    /// <summary>The function tools as sent (echoed in <c>tools</c>).</summary>
    public JsonElement? Tools { get; init; }

    public JsonElement? ToolChoice { get; init; }

    /// <summary><c>text.format</c> as sent; null = <c>{"type":"text"}</c>.</summary>
    public JsonElement? TextFormat { get; init; }
}
