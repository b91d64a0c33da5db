using System.Text.Json;
using System.Text;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Reads <c>messages</c>: system and developer messages become instructions; user and assistant messages become the
/// replayed conversation; image and file parts must be inline base64 (<c>data:</c> URLs or <c>file_data</c>) and are
/// uploaded to Gemini with the turn. Tool messages and assistant tool calls are read for the emulation
/// (<see cref="OpenAiToolMessages"/>), or refused by name under <c>Compat:Tools:Mode = reject</c>; audio is refused.
/// </summary>
internal static class OpenAiMessageReader
{
    public static (IReadOnlyList<string> Instructions, IReadOnlyList<CompatTurn> Turns, IReadOnlyList<CompatAttachment> Attachments) Read(JsonElement messages, bool emulateTools)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("messages", $"'messages' must be an array, not {CompatJson.Describe(messages.ValueKind)}.");
        }

        var instructions = new List<string>();
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

            var role = message.TryGetProperty("role", out var roleValue) ? CompatJson.RequireString(roleValue, path + ".role") : throw new RequestRejectedException(path + ".role", $"'{path}.role' is required.");
            foreach (var property in message.EnumerateObject())
            {
                CheckField(role, property, path, emulateTools);
            }

            message.TryGetProperty("content", out var content);
            switch (role)
            {
                case "system" or "developer":
                    var instruction = Text(content, path + ".content", role, attachments);
                    if (instruction.Length > 0)
                    {
                        instructions.Add(instruction);
                    }

                    break;
                case "user":
                    turns.Add(new CompatTurn(CompatRole.User, Text(content, path + ".content", role, attachments)));
                    break;
                case "assistant":
                    var answer = Text(content, path + ".content", role, attachments);
                    var calls = emulateTools ? OpenAiToolMessages.ReadCalls(message, path) : [];
                    if (answer.Length > 0 || calls.Count > 0)
                    {
                        turns.Add(CompatTurn.ForToolCalls(answer, calls));
                    }

                    break;
                case "tool" or "function" when emulateTools:
                    turns.Add(CompatTurn.ForToolResult(OpenAiToolMessages.ReadResult(message, role, path, Text(content, path + ".content", role, null))));
                    break;
                case "tool" or "function":
                    throw new RequestRejectedException(path + ".role", $"'{path}.role' '{role}' {OpenAiToolReader.NoToolsMessage}");
                default:
                    throw new RequestRejectedException(path + ".role", $"'{path}.role' must be system, developer, user or assistant.");
            }
        }

        if (turns.Count == 0)
        {
            throw new RequestRejectedException("messages", "'messages' needs at least one user message.");
        }

        if (turns[^1].Role == CompatRole.Model)
        {
            throw new RequestRejectedException("messages", "The last message in 'messages' must be from the user or a tool (assistant prefill is not supported).");
        }

        return (instructions, turns, attachments);
    }

    private static void CheckField(string role, JsonProperty property, string path, bool emulateTools)
    {
        var param = $"{path}.{CompatJson.Safe(property.Name)}";
        switch (property.Name)
        {
            case "role" or "content" or "name":
                return;
            case "tool_call_id" when role == "tool":
                return;
            case "tool_calls" or "function_call" when role == "assistant":
                if (!emulateTools && !CompatJson.IsNull(property.Value) && !(property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0))
                {
                    throw new RequestRejectedException(param, $"'{param}' {OpenAiToolReader.NoToolsMessage}");
                }

                return;
            case "audio" when role == "assistant":
                if (!CompatJson.IsNull(property.Value))
                {
                    throw new RequestRejectedException(param, $"'{param}' is not supported: audio is not available.");
                }

                return;

            // Earlier answers' reasoning and refusals are not replayed (the visible answer is the conversation).
            case "reasoning_content" or "reasoning" or "refusal" or "annotations" when role == "assistant":
                return;
            default:
                throw new RequestRejectedException(param, $"Unrecognized request argument supplied: {param}");
        }
    }

    private static string Text(JsonElement content, string path, string role, List<CompatAttachment>? attachments)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                if (role == "assistant" || attachments is null)
                {
                    return string.Empty;
                }

                throw new RequestRejectedException(path, $"'{path}' is required.");
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                break;
            default:
                throw new RequestRejectedException(path, $"'{path}' must be a string or an array of content parts, not {CompatJson.Describe(content.ValueKind)}.");
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
            {
                throw new RequestRejectedException(partPath, $"'{partPath}' must be an object with a 'type'.");
            }

            var type = typeValue.GetString();
            switch (type)
            {
                case "text" or "refusal":
                    var key = type == "text" ? "text" : "refusal";
                    var value = part.TryGetProperty(key, out var textValue) ? CompatJson.RequireString(textValue, $"{partPath}.{key}") : throw new RequestRejectedException($"{partPath}.{key}", $"'{partPath}.{key}' is required.");
                    if (text.Length > 0 && value.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(value);
                    break;
                case "image_url" when role == "user" && attachments is not null:
                    attachments.Add(ReadImage(part, partPath, attachments.Count + 1));
                    break;
                case "file" when role == "user" && attachments is not null:
                    attachments.Add(ReadFile(part, partPath, attachments.Count + 1));
                    break;
                case "input_audio":
                    throw new RequestRejectedException(partPath + ".type", $"'{partPath}.type' input_audio is not supported: audio input is not available.");
                default:
                    throw new RequestRejectedException(partPath + ".type", $"'{partPath}.type' '{CompatJson.Safe(type ?? string.Empty)}' is not supported in a {role} message.");
            }
        }

        return text.ToString();
    }

    private static CompatAttachment ReadImage(JsonElement part, string path, int number)
    {
        var param = path + ".image_url.url";
        if (!part.TryGetProperty("image_url", out var image))
        {
            throw new RequestRejectedException(path + ".image_url", $"'{path}.image_url' is required.");
        }

        // The older shorthand {"image_url": "data:..."} is accepted too.
        var url = image.ValueKind == JsonValueKind.String
            ? image.GetString()!
            : image.ValueKind == JsonValueKind.Object && image.TryGetProperty("url", out var urlValue)
                ? CompatJson.RequireString(urlValue, param)
                : throw new RequestRejectedException(param, $"'{param}' is required.");
        var (mime, data) = DataUrl.Decode(url, param);
        return new CompatAttachment(DataUrl.FileNameFor(mime, number), mime, data, param);
    }

    private static CompatAttachment ReadFile(JsonElement part, string path, int number)
    {
        if (!part.TryGetProperty("file", out var file) || file.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(path + ".file", $"'{path}.file' must be an object with 'file_data' (and optionally 'filename').");
        }

        if (file.TryGetProperty("file_id", out var fileId) && !CompatJson.IsNull(fileId))
        {
            throw new RequestRejectedException(path + ".file.file_id", $"'{path}.file.file_id' is not supported: there is no files API; send the file inline as 'file_data' (a base64 data URL).");
        }

        var param = path + ".file.file_data";
        var raw = file.TryGetProperty("file_data", out var dataValue) ? CompatJson.RequireString(dataValue, param) : throw new RequestRejectedException(param, $"'{param}' is required.");
        var name = file.TryGetProperty("filename", out var nameValue) && nameValue.ValueKind == JsonValueKind.String ? Path.GetFileName(nameValue.GetString()) : null;

        return DataUrl.InlineFile(raw, name, param, number);
    }
}
