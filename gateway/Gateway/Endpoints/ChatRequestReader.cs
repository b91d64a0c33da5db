using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Hosting;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>
/// Reads and validates the JSON body of <c>POST /api/chat</c>. Every refusal is INVALID_BODY with a message
/// that names the field; nothing from the body is echoed back beyond the field name.
/// </summary>
internal static class ChatRequestReader
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "prompt", "model", "temporary", "extended_thinking", "gem", "stream", "conversation", "files", "media",
    };

    public static async Task<ParsedChatRequest> ReadAsync(HttpRequest request, GatewayOptions options, CancellationToken cancellationToken)
    {
        using var document = await JsonBody.ReadObjectAsync(request, BodyLimits.Json(options), optional: false, cancellationToken);
        return Parse(document.RootElement, options);
    }

    /// <summary>Validates a parsed body. <c>files</c> is accepted here but read by <see cref="ChatFileInputReader"/>.</summary>
    internal static ParsedChatRequest Parse(JsonElement root, GatewayOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidBody("The body must be a JSON object.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                throw InvalidBody($"Unknown field '{JsonValueText.SafeName(property.Name)}'. Known fields: {string.Join(", ", KnownFields)}.");
            }

            if (!seen.Add(property.Name))
            {
                throw InvalidBody($"Field '{property.Name}' appears more than once.");
            }
        }

        var prompt = RequiredString(root, "prompt");
        if (prompt.Length > options.MaxPromptChars)
        {
            throw InvalidBody($"Field 'prompt' is longer than {options.MaxPromptChars} characters.");
        }

        var chat = new ChatRequest
        {
            Prompt = prompt,
            Model = OptionalString(root, "model"),
            Temporary = OptionalBool(root, "temporary") ?? false,
            ExtendedThinking = OptionalBool(root, "extended_thinking") ?? false,
            Gem = OptionalString(root, "gem"),
            Conversation = ReadConversation(root),
            Media = ReadMedia(root),
        };
        return new ParsedChatRequest(chat, OptionalBool(root, "stream") ?? false);
    }

    /// <summary><c>media</c>: <c>"video"</c> or <c>"music"</c> asks for a generated video or track (protocol §5.2.1); omitted = none.</summary>
    private static MediaGeneration ReadMedia(JsonElement root) => OptionalString(root, "media") switch
    {
        null or "none" => MediaGeneration.None,
        "video" => MediaGeneration.Video,
        "music" => MediaGeneration.Music,
        _ => throw InvalidBody("Field 'media' must be \"video\", \"music\" or \"none\"."),
    };

    private static ConversationRef? ReadConversation(JsonElement root)
    {
        if (!root.TryGetProperty("conversation", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw InvalidBody("Field 'conversation' must be an object as returned in data.conversation.");
        }

        var id = RequiredString(value, "conversationId", "conversation.conversationId");
        return new ConversationRef(
            id,
            OptionalString(value, "responseId", "conversation.responseId"),
            OptionalString(value, "choiceId", "conversation.choiceId"),
            OptionalString(value, "context", "conversation.context"));
    }

    private static string RequiredString(JsonElement parent, string name, string? path = null)
    {
        path ??= name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw InvalidBody($"Field '{path}' is required.");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw InvalidBody($"Field '{path}' must be a string, not {JsonValueText.Describe(value.ValueKind)}.");
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw InvalidBody($"Field '{path}' must not be empty.");
        }

        return text;
    }

    private static string? OptionalString(JsonElement parent, string name, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw InvalidBody($"Field '{path ?? name}' must be a string or null, not {JsonValueText.Describe(value.ValueKind)}.");
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static bool? OptionalBool(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw InvalidBody($"Field '{name}' must be true or false, not {JsonValueText.Describe(value.ValueKind)}."),
        };
    }

    internal static bool IsJson(string? contentType) => JsonBody.IsJson(contentType);

    private static BridgeException InvalidBody(string message) => new(BridgeErrorCode.InvalidBody, message);
}
