using System.Text;
using System.Text.Json;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// Reads the Responses <c>input</c>: a string (one user message) or a list of items. Messages (user, system, developer,
/// assistant) with <c>input_text</c>, <c>input_image</c> (data URLs) and <c>input_file</c> (inline <c>file_data</c>);
/// earlier output items sent back as they were (<c>message</c>, <c>reasoning</c>, <c>function_call</c>) or as
/// <c>item_reference</c>; <c>function_call_output</c>. An item whose id this gateway signed marks what Gemini already
/// has: the turns up to it are dropped, the conversation continues from its reference, and only what follows is sent.
/// An item_reference that does not verify is refused; other items with foreign ids are replayed as context.
/// </summary>
internal static class ResponsesInputReader
{
    public static ResponsesInput Read(JsonElement input, ResponseIdCodec codec, bool emulateTools)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return new ResponsesInput([], [new CompatTurn(CompatRole.User, input.GetString()!)], [], null);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("input", $"'input' must be a string or an array of input items, not {CompatJson.Describe(input.ValueKind)}.");
        }

        var state = new State(codec, emulateTools);
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            state.ReadItem(item, $"input[{index++}]");
        }

        return state.Finish();
    }

    private sealed class State
    {
        private readonly ResponseIdCodec _codec;
        private readonly bool _emulateTools;
        private readonly List<string> _instructions = [];
        private readonly List<CompatTurn> _turns = [];
        private readonly List<CompatAttachment> _attachments = [];
        private readonly Dictionary<string, string> _callNames = new(StringComparer.Ordinal);
        private ResponseReference? _reference;
        private int _turnCut;
        private int _attachmentCut;

        public State(ResponseIdCodec codec, bool emulateTools)
        {
            _codec = codec;
            _emulateTools = emulateTools;
        }

        public void ReadItem(JsonElement item, string path)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be an object (an input item).");
            }

            var type = item.TryGetProperty("type", out var typeValue) && !CompatJson.IsNull(typeValue) ? CompatJson.RequireString(typeValue, path + ".type") : "message";
            switch (type)
            {
                case "message":
                    ReadMessage(item, path);
                    break;
                case "item_reference":
                    var id = item.TryGetProperty("id", out var idValue) ? CompatJson.RequireString(idValue, path + ".id") : throw new RequestRejectedException(path + ".id", $"'{path}.id' is required.");
                    if (!_codec.TryDecode(id, out var reference))
                    {
                        throw new RequestRejectedException(path + ".id", $"'{path}.id' is not an id this gateway returned (or it was changed). The gateway stores nothing: only ids it signed can be referenced.");
                    }

                    MarkAnswered(reference!);
                    break;
                case "reasoning":
                    // Earlier thinking is not replayed; one of our ids still says where the conversation stands.
                    MarkIfOurs(item);
                    break;
                case "function_call":
                    ReadFunctionCall(item, path);
                    break;
                case "function_call_output":
                    ReadFunctionCallOutput(item, path);
                    break;
                default:
                    throw new RequestRejectedException(path + ".type", $"'{path}.type' '{CompatJson.Safe(type)}' is not supported: the Gemini web bridge takes message, item_reference, reasoning, function_call and function_call_output items.");
            }
        }

        public ResponsesInput Finish()
        {
            var turns = _turns.Skip(_turnCut).Select(FillCallName).ToList();
            if (turns.Count == 0)
            {
                throw new RequestRejectedException("input", _reference is null
                    ? "'input' needs at least one user message."
                    : "'input' holds nothing after the last item the gateway already answered: add the new user message (or function_call_output).");
            }

            if (turns[^1].Role == CompatRole.Model)
            {
                throw new RequestRejectedException("input", "The last item in 'input' must be a user message or a function_call_output (assistant prefill is not supported).");
            }

            return new ResponsesInput(_instructions, turns, _attachments.Skip(_attachmentCut).ToList(), _reference);
        }

        private CompatTurn FillCallName(CompatTurn turn) =>
            turn.ToolResult is { Name: null } result && _callNames.TryGetValue(result.CallId, out var name)
                ? turn with { ToolResult = result with { Name = name } }
                : turn;

        /// <summary>Everything so far is in the Gemini conversation this reference continues.</summary>
        private void MarkAnswered(ResponseReference reference)
        {
            _reference = reference;
            _turnCut = _turns.Count;
            _attachmentCut = _attachments.Count;
            foreach (var (callId, name) in reference.CallNames)
            {
                _callNames.TryAdd(callId, name);
            }
        }

        private void MarkIfOurs(JsonElement item)
        {
            if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && _codec.TryDecode(id.GetString(), out var reference))
            {
                MarkAnswered(reference!);
            }
        }

        private void ReadMessage(JsonElement item, string path)
        {
            var role = item.TryGetProperty("role", out var roleValue) ? CompatJson.RequireString(roleValue, path + ".role") : throw new RequestRejectedException(path + ".role", $"'{path}.role' is required.");
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("type" or "role" or "content" or "id" or "status" or "phase"))
                {
                    throw new RequestRejectedException($"{path}.{CompatJson.Safe(property.Name)}", $"Unrecognized request argument supplied: {path}.{CompatJson.Safe(property.Name)}");
                }
            }

            item.TryGetProperty("content", out var content);
            var contentPath = path + ".content";
            switch (role)
            {
                case "system" or "developer":
                    var instruction = Text(content, contentPath, role);
                    if (instruction.Length > 0)
                    {
                        _instructions.Add(instruction);
                    }

                    break;
                case "user":
                    _turns.Add(new CompatTurn(CompatRole.User, Text(content, contentPath, role)));
                    break;
                case "assistant":
                    var answer = Text(content, contentPath, role);
                    if (answer.Length > 0)
                    {
                        _turns.Add(new CompatTurn(CompatRole.Model, answer));
                    }

                    MarkIfOurs(item);
                    break;
                default:
                    throw new RequestRejectedException(path + ".role", $"'{path}.role' must be user, assistant, system or developer.");
            }
        }

        private void ReadFunctionCall(JsonElement item, string path)
        {
            RequireToolEmulation(path);
            var callId = RequiredString(item, "call_id", path);
            var name = RequiredString(item, "name", path);
            var argumentsText = RequiredString(item, "arguments", path);
            JsonElement arguments;
            try
            {
                arguments = ToolJson.Parse(argumentsText.Length == 0 ? "{}" : argumentsText);
            }
            catch (JsonException)
            {
                throw new RequestRejectedException(path + ".arguments", $"'{path}.arguments' must be a JSON object in a string.");
            }

            if (arguments.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path + ".arguments", $"'{path}.arguments' must be a JSON object in a string.");
            }

            _callNames[callId] = name;
            var call = new ToolCall(callId, name, arguments);

            // Calls of one answer arrive as consecutive items; they are one assistant turn.
            if (_turns.Count > _turnCut && _turns[^1] is { Role: CompatRole.Model } last)
            {
                _turns[^1] = CompatTurn.ForToolCalls(last.Text, [.. last.ToolCalls, call]);
            }
            else
            {
                _turns.Add(CompatTurn.ForToolCalls(string.Empty, [call]));
            }

            MarkIfOurs(item);
        }

        private void ReadFunctionCallOutput(JsonElement item, string path)
        {
            RequireToolEmulation(path);
            var callId = RequiredString(item, "call_id", path);
            if (!item.TryGetProperty("output", out var output))
            {
                throw new RequestRejectedException(path + ".output", $"'{path}.output' is required.");
            }

            var content = output.ValueKind == JsonValueKind.String ? output.GetString()! : Text(output, path + ".output", "tool");
            _turns.Add(CompatTurn.ForToolResult(new ToolResult(callId, null, content)));
        }

        private void RequireToolEmulation(string path)
        {
            if (!_emulateTools)
            {
                throw new RequestRejectedException(path + ".type", $"'{path}.type' is not supported: tool emulation is switched off on this gateway (Compat:Tools:Mode=reject).");
            }
        }

        private static string RequiredString(JsonElement item, string name, string path) =>
            item.TryGetProperty(name, out var value) && !CompatJson.IsNull(value)
                ? CompatJson.RequireString(value, $"{path}.{name}")
                : throw new RequestRejectedException($"{path}.{name}", $"'{path}.{name}' is required.");

        private string Text(JsonElement content, string path, string role)
        {
            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    return content.GetString()!;
                case JsonValueKind.Array:
                    break;
                case JsonValueKind.Undefined or JsonValueKind.Null when role == "assistant":
                    return string.Empty;
                default:
                    throw new RequestRejectedException(path, $"'{path}' must be a string or an array of content parts.");
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

                var type = typeValue.GetString()!;
                switch (type)
                {
                    case "input_text" or "output_text" or "refusal":
                        var key = type == "refusal" ? "refusal" : "text";
                        var value = RequiredString(part, key, partPath);
                        if (text.Length > 0 && value.Length > 0)
                        {
                            text.Append('\n');
                        }

                        text.Append(value);
                        break;
                    case "input_image" when role is "user" or "tool":
                        _attachments.Add(ResponsesFileReader.Image(part, partPath, _attachments.Count + 1));
                        break;
                    case "input_file" when role is "user" or "tool":
                        _attachments.Add(ResponsesFileReader.File(part, partPath, _attachments.Count + 1));
                        break;
                    case "input_audio":
                        throw new RequestRejectedException(partPath + ".type", $"'{partPath}.type' input_audio is not supported: audio input is not available.");
                    default:
                        throw new RequestRejectedException(partPath + ".type", $"'{partPath}.type' '{CompatJson.Safe(type)}' is not supported in a {role} message.");
                }
            }

            return text.ToString();
        }
    }
}
