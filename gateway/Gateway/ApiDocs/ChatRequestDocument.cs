using System.ComponentModel;
using System.Text.Json.Serialization;
using BridgeEngine.Contracts;

namespace Gateway.ApiDocs;

/// <summary>The JSON body of POST /api/chat, as documented (the reader in Endpoints/ChatRequestReader.cs is the authority).</summary>
[Description("A chat turn. Only prompt is required.")]
internal sealed class ChatRequestDocument
{
    [JsonPropertyName("prompt")]
    [Description("The message to send.")]
    public required string Prompt { get; init; }

    [JsonPropertyName("model")]
    [Description("A model id or friendly name from GET /api/models; omitted = the account's default.")]
    public string? Model { get; init; }

    [JsonPropertyName("temporary")]
    [Description("Temporary chat: not saved to history.")]
    public bool? Temporary { get; init; }

    [JsonPropertyName("extended_thinking")]
    [Description("Ask thinking models for extended thinking.")]
    public bool? ExtendedThinking { get; init; }

    [JsonPropertyName("gem")]
    [Description("A gem id from GET /api/gems.")]
    public string? Gem { get; init; }

    [JsonPropertyName("stream")]
    [Description("Answer as Server-Sent Events (also with Accept: text/event-stream).")]
    public bool? Stream { get; init; }

    [JsonPropertyName("conversation")]
    [Description("data.conversation of an earlier answer, to continue from that turn.")]
    public ConversationRef? Conversation { get; init; }
}
