using System.ComponentModel;
using System.Text.Json.Serialization;

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

    [JsonPropertyName("media")]
    [Description("Ask for a generated video or music track: \"video\", \"music\" or \"none\" (default). Results arrive in data.media.")]
    public string? Media { get; init; }

    [JsonPropertyName("stream")]
    [Description("Answer as Server-Sent Events (also with Accept: text/event-stream).")]
    public bool? Stream { get; init; }

    [JsonPropertyName("conversation")]
    [Description("data.conversation of an earlier answer, to continue from that turn.")]
    public ConversationInputDocument? Conversation { get; init; }

    [JsonPropertyName("files")]
    [Description("Files to attach, base64 in JSON (prefer multipart/form-data for large files).")]
    public IReadOnlyList<InlineFileDocument>? Files { get; init; }
}

/// <summary>data.conversation of an earlier answer, sent back to continue (Endpoints/ChatRequestReader.cs reads it).</summary>
[Description("Where to continue: data.conversation of an earlier answer, unchanged.")]
internal sealed class ConversationInputDocument
{
    [JsonPropertyName("conversationId")]
    public required string ConversationId { get; init; }

    [JsonPropertyName("responseId")]
    public string? ResponseId { get; init; }

    [JsonPropertyName("choiceId")]
    public string? ChoiceId { get; init; }

    [JsonPropertyName("context")]
    public string? Context { get; init; }
}

/// <summary>One base64 file of a JSON chat body (Endpoints/ChatFileInputReader.cs reads it).</summary>
[Description("A file, base64.")]
internal sealed class InlineFileDocument
{
    [JsonPropertyName("name")]
    [Description("The file name, with its extension.")]
    public required string Name { get; init; }

    [JsonPropertyName("mimeType")]
    [Description("The media type; omitted = from the extension.")]
    public string? MimeType { get; init; }

    [JsonPropertyName("data")]
    [Description("The file's bytes, base64.")]
    public required string Data { get; init; }
}

/// <summary>POST /api/chat as multipart/form-data: a request part or one field per chat field, plus file parts.</summary>
[Description("Either one 'request' part holding the JSON body (without files), or the chat fields as form fields; plus file parts.")]
internal sealed class ChatFormDocument
{
    [JsonPropertyName("request")]
    [Description("The whole JSON body as one part (Content-Type: application/json); then send no other fields.")]
    public ChatRequestDocument? Request { get; init; }

    [JsonPropertyName("prompt")]
    [Description("The message to send (when there is no request part).")]
    public string? Prompt { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("temporary")]
    [Description("true/false (also 1/0, on/off).")]
    public bool? Temporary { get; init; }

    [JsonPropertyName("extended_thinking")]
    public bool? ExtendedThinking { get; init; }

    [JsonPropertyName("gem")]
    public string? Gem { get; init; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; init; }

    [JsonPropertyName("conversation")]
    [Description("data.conversation of an earlier answer, as JSON text.")]
    public string? Conversation { get; init; }

    [JsonPropertyName("file")]
    [Description("File parts: any part with a filename is a file; the part name is free.")]
    public IReadOnlyList<FilePart>? File { get; init; }
}
