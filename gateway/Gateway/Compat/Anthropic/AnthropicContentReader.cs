using System.Text;
using System.Text.Json;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// Reads <c>system</c> and <c>messages</c>: text blocks become the replayed conversation; <c>image</c> and
/// <c>document</c> blocks must carry a base64 source and are uploaded to Gemini with the turn (the gateway never fetches
/// a URL a client names); earlier <c>thinking</c> blocks are not replayed (the visible answer is the conversation).
/// Assistant <c>tool_use</c> blocks are the model's earlier calls and user <c>tool_result</c> blocks what the client's
/// tools returned: both are replayed for the emulation (<see cref="AnswerEmulation"/>), or refused when it is off.
/// </summary>
internal static class AnthropicContentReader
{
    /// <summary>Fields a block may carry that ask for nothing the gateway must do (prompt caching, citation settings, titles).</summary>
    private static readonly HashSet<string> QuietBlockFields = new(StringComparer.Ordinal) { "type", "cache_control", "citations", "title", "context" };

    public static IReadOnlyList<string> ReadSystem(JsonElement system)
    {
        switch (system.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return [];
            case JsonValueKind.String:
                var text = system.GetString()!;
                return text.Length > 0 ? [text] : [];
            case JsonValueKind.Array:
                var parts = new List<string>();
                var index = 0;
                foreach (var block in system.EnumerateArray())
                {
                    var path = $"system[{index++}]";
                    if (BlockType(block, path) != "text")
                    {
                        throw new RequestRejectedException(path + ".type", $"'{path}.type' must be text: system takes text blocks only.");
                    }

                    var value = ReadText(block, path);
                    if (value.Length > 0)
                    {
                        parts.Add(value);
                    }
                }

                return parts;
            default:
                throw new RequestRejectedException("system", $"'system' must be a string or an array of text blocks, not {CompatJson.Describe(system.ValueKind)}.");
        }
    }

    public static (IReadOnlyList<CompatTurn> Turns, IReadOnlyList<CompatAttachment> Attachments) ReadMessages(JsonElement messages, bool emulateTools)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("messages", $"'messages' must be an array, not {CompatJson.Describe(messages.ValueKind)}.");
        }

        var turns = new List<CompatTurn>();
        var attachments = new List<CompatAttachment>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be an object with 'role' and 'content'.");
            }

            string? role = null;
            JsonElement content = default;
            foreach (var property in message.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "role":
                        role = CompatJson.RequireString(property.Value, path + ".role");
                        break;
                    case "content":
                        content = property.Value;
                        break;
                    default:
                        throw new RequestRejectedException($"{path}.{CompatJson.Safe(property.Name)}", $"'{path}.{CompatJson.Safe(property.Name)}': unknown field (a message has 'role' and 'content').");
                }
            }

            var turnRole = role switch
            {
                "user" => CompatRole.User,
                "assistant" => CompatRole.Model,
                null => throw new RequestRejectedException(path + ".role", $"'{path}.role' is required."),
                _ => throw new RequestRejectedException(path + ".role", $"'{path}.role' must be user or assistant (instructions go in the top-level 'system')."),
            };
            var read = new Content(turnRole, attachments, emulateTools);
            read.Read(content, path + ".content");

            // Anthropic puts tool results first in the user message; any text after them is the user's own turn.
            turns.AddRange(read.Results.Select(CompatTurn.ForToolResult));
            if (read.Calls.Count > 0)
            {
                turns.Add(CompatTurn.ForToolCalls(read.Text, read.Calls));
            }
            else if ((turnRole == CompatRole.User && read.Results.Count == 0) || read.Text.Length > 0)
            {
                turns.Add(new CompatTurn(turnRole, read.Text));
            }
        }

        if (turns.Count == 0)
        {
            throw new RequestRejectedException("messages", "'messages' needs at least one user message.");
        }

        if (turns[^1].Role == CompatRole.Model)
        {
            throw new RequestRejectedException("messages", "The last message in 'messages' must be from the user (assistant prefill is not supported).");
        }

        return (turns, attachments);
    }

    /// <summary>One message's content blocks, read into its text, the calls it makes and the results it returns.</summary>
    private sealed class Content
    {
        private readonly CompatRole _role;
        private readonly List<CompatAttachment> _attachments;
        private readonly bool _emulateTools;
        private readonly StringBuilder _text = new();

        public Content(CompatRole role, List<CompatAttachment> attachments, bool emulateTools)
        {
            _role = role;
            _attachments = attachments;
            _emulateTools = emulateTools;
        }

        public string Text => _text.ToString();

        public List<ToolCall> Calls { get; } = [];

        public List<ToolResult> Results { get; } = [];

        private string Who => _role == CompatRole.User ? "user" : "assistant";

        public void Read(JsonElement content, string path)
        {
            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    _text.Append(content.GetString());
                    return;
                case JsonValueKind.Array:
                    break;
                case JsonValueKind.Undefined:
                    throw new RequestRejectedException(path, $"'{path}' is required.");
                default:
                    throw new RequestRejectedException(path, $"'{path}' must be a string or an array of content blocks, not {CompatJson.Describe(content.ValueKind)}.");
            }

            var index = 0;
            foreach (var block in content.EnumerateArray())
            {
                var blockPath = $"{path}[{index++}]";
                var type = BlockType(block, blockPath);
                switch (type)
                {
                    case "text":
                        AppendText(_text, ReadText(block, blockPath));
                        break;
                    case "image" or "document" when _role == CompatRole.User:
                        _attachments.Add(ReadFile(block, blockPath, type, _attachments.Count + 1));
                        break;

                    // Earlier thinking is the model's scratch work, not the conversation; clients send it back as they got it.
                    case "thinking" or "redacted_thinking" when _role == CompatRole.Model:
                        break;
                    case "tool_use" when _role == CompatRole.Model && _emulateTools:
                        Calls.Add(ReadToolUse(block, blockPath));
                        break;
                    case "tool_result" when _role == CompatRole.User && _emulateTools:
                        Results.Add(ReadToolResult(block, blockPath));
                        break;
                    case "tool_use" or "tool_result" when !_emulateTools:
                        throw new RequestRejectedException(blockPath + ".type", $"'{blockPath}.type' {type} {AnthropicToolReader.NoToolsMessage}");
                    case "server_tool_use" or "web_search_tool_result":
                        throw new RequestRejectedException(blockPath + ".type", $"'{blockPath}.type' {type} is not supported: Anthropic's server tools cannot be emulated.");
                    default:
                        throw new RequestRejectedException(blockPath + ".type", $"'{blockPath}.type' '{CompatJson.Safe(type)}' is not supported in a {Who} message.");
                }
            }
        }

        private static ToolCall ReadToolUse(JsonElement block, string path)
        {
            CheckFields(block, path, "id", "name", "input", "caller");
            var id = block.TryGetProperty("id", out var idValue) ? CompatJson.RequireString(idValue, path + ".id") : throw new RequestRejectedException(path + ".id", $"'{path}.id' is required.");
            var name = block.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".name") : throw new RequestRejectedException(path + ".name", $"'{path}.name' is required.");
            if (!block.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path + ".input", $"'{path}.input' must be an object (the call's arguments).");
            }

            return new ToolCall(id, name, input.Clone());
        }

        private ToolResult ReadToolResult(JsonElement block, string path)
        {
            CheckFields(block, path, "tool_use_id", "content", "is_error");
            var id = block.TryGetProperty("tool_use_id", out var idValue) ? CompatJson.RequireString(idValue, path + ".tool_use_id") : throw new RequestRejectedException(path + ".tool_use_id", $"'{path}.tool_use_id' is required.");
            var isError = block.TryGetProperty("is_error", out var errorValue) && CompatJson.Bool(errorValue, path + ".is_error") == true;
            var text = new StringBuilder();
            if (block.TryGetProperty("content", out var content))
            {
                switch (content.ValueKind)
                {
                    case JsonValueKind.String:
                        text.Append(content.GetString());
                        break;
                    case JsonValueKind.Array:
                        var index = 0;
                        foreach (var part in content.EnumerateArray())
                        {
                            var partPath = $"{path}.content[{index++}]";
                            var type = BlockType(part, partPath);
                            switch (type)
                            {
                                case "text":
                                    AppendText(text, ReadText(part, partPath));
                                    break;
                                case "image" or "document":
                                    _attachments.Add(ReadFile(part, partPath, type, _attachments.Count + 1));
                                    break;
                                default:
                                    throw new RequestRejectedException(partPath + ".type", $"'{partPath}.type' '{CompatJson.Safe(type)}' is not supported in a tool_result (text, image or document).");
                            }
                        }

                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        throw new RequestRejectedException(path + ".content", $"'{path}.content' must be a string or an array of blocks, not {CompatJson.Describe(content.ValueKind)}.");
                }
            }

            return new ToolResult(id, null, text.ToString(), isError);
        }

        private static void AppendText(StringBuilder text, string value)
        {
            if (text.Length > 0 && value.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(value);
        }
    }

    private static string BlockType(JsonElement block, string path)
    {
        if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new RequestRejectedException(path, $"'{path}' must be an object with a 'type'.");
        }

        return type.GetString()!;
    }

    private static string ReadText(JsonElement block, string path)
    {
        CheckFields(block, path, "text");
        return block.TryGetProperty("text", out var text)
            ? CompatJson.RequireString(text, path + ".text")
            : throw new RequestRejectedException(path + ".text", $"'{path}.text' is required.");
    }

    private static CompatAttachment ReadFile(JsonElement block, string path, string type, int number)
    {
        CheckFields(block, path, "source");
        var sourcePath = path + ".source";
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(sourcePath, $"'{sourcePath}' must be an object with 'type', 'media_type' and 'data'.");
        }

        var kind = source.TryGetProperty("type", out var kindValue) ? CompatJson.RequireString(kindValue, sourcePath + ".type") : null;
        switch (kind)
        {
            case "base64":
                break;
            case "text" when type == "document":
                break;
            case "url":
                throw new RequestRejectedException(sourcePath + ".type", $"'{sourcePath}.type' url is not supported: the gateway does not fetch URLs; send the {type} inline as a base64 source.");
            case "file":
                throw new RequestRejectedException(sourcePath + ".type", $"'{sourcePath}.type' file is not supported: there is no files API; send the {type} inline as a base64 source.");
            default:
                throw new RequestRejectedException(sourcePath + ".type", $"'{sourcePath}.type' must be base64{(type == "document" ? " or text" : string.Empty)}.");
        }

        var mime = source.TryGetProperty("media_type", out var mimeValue)
            ? CompatJson.RequireString(mimeValue, sourcePath + ".media_type").Trim()
            : throw new RequestRejectedException(sourcePath + ".media_type", $"'{sourcePath}.media_type' is required.");
        var raw = source.TryGetProperty("data", out var dataValue)
            ? CompatJson.RequireString(dataValue, sourcePath + ".data")
            : throw new RequestRejectedException(sourcePath + ".data", $"'{sourcePath}.data' is required.");
        if (type == "image" && !mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(sourcePath + ".media_type", $"'{sourcePath}.media_type' must be an image type (image/png, image/jpeg, image/gif, image/webp).");
        }

        // A text document carries its text as it is; a base64 source carries bytes.
        var data = kind == "text" ? Encoding.UTF8.GetBytes(raw) : DataUrl.Base64(raw, sourcePath + ".data");
        if (data.Length == 0)
        {
            throw new RequestRejectedException(sourcePath + ".data", $"'{sourcePath}.data' is empty.");
        }

        return new CompatAttachment(DataUrl.FileNameFor(mime, number), mime, data, sourcePath + ".data");
    }

    private static void CheckFields(JsonElement block, string path, params string[] fields)
    {
        foreach (var property in block.EnumerateObject())
        {
            if (!fields.Contains(property.Name) && !QuietBlockFields.Contains(property.Name))
            {
                var param = $"{path}.{CompatJson.Safe(property.Name)}";
                throw new RequestRejectedException(param, $"'{param}': unknown field.");
            }
        }
    }
}
