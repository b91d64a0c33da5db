using System.Text.Json;
using System.Text;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// Reads a Gemini API <c>GenerateContentRequest</c>. Field names are accepted in camelCase and snake_case (as the
/// Gemini API's JSON mapping does). <c>contents</c> is replayed as context like the OpenAI surface's messages;
/// <c>inlineData</c> parts are uploaded; sampling hints are accepted and reported in <c>x-bridge-ignored-params</c>;
/// function declarations, function calls and responses and JSON mode are emulated (<see cref="GeminiToolReader"/>);
/// more than one candidate, logprobs, speech and file URIs are refused naming the field.
/// </summary>
internal static class GeminiRequestReader
{
    private static readonly HashSet<string> IgnoredHints = new(StringComparer.Ordinal)
    {
        "temperature", "topP", "topK", "maxOutputTokens", "presencePenalty", "frequencyPenalty", "seed", "mediaResolution",
        "enableEnhancedCivicAnswers",
    };

    /// <param name="emulate">Tools and JSON mode are emulated (<c>Compat:Tools:Mode = emulate</c>); otherwise refused.</param>
    public static CompatChatInput Read(JsonElement root, string model, bool stream, bool emulate)
    {
        var tools = new List<ToolDefinition>();
        var choice = ToolChoice.Auto;
        StructuredOutput? output = null;
        JsonElement? contents = null;
        var instructions = new List<string>();
        var ignored = new List<string>();
        var extended = false;
        var includeThoughts = false;
        foreach (var property in root.EnumerateObject())
        {
            var name = Camel(property.Name);
            var value = property.Value;
            switch (name)
            {
                case "contents":
                    contents = value;
                    break;
                case "systemInstruction":
                    if (!CompatJson.IsNull(value))
                    {
                        var text = SystemText(value);
                        if (text.Length > 0)
                        {
                            instructions.Add(text);
                        }
                    }

                    break;
                case "generationConfig":
                    (extended, includeThoughts, output) = ReadGenerationConfig(value, ignored, emulate);
                    break;
                case "safetySettings":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
                    {
                        ignored.Add(name);
                    }

                    break;
                case "tools":
                    tools.AddRange(GeminiToolReader.ReadTools(value, emulate));
                    break;
                case "toolConfig":
                    choice = GeminiToolReader.ReadToolConfig(value, emulate);
                    break;
                case "cachedContent":
                    if (!CompatJson.IsNull(value))
                    {
                        throw new RequestRejectedException(name, "'cachedContent' is not supported: there is no context cache.");
                    }

                    break;
                case "serviceTier":
                    if (!CompatJson.IsNull(value))
                    {
                        ignored.Add(name);
                    }

                    break;
                case "model" or "labels":
                    break;
                default:
                    throw new RequestRejectedException(CompatJson.Safe(property.Name), $"Invalid JSON payload received. Unknown name \"{CompatJson.Safe(property.Name)}\": cannot find field.");
            }
        }

        if (contents is not { } list || CompatJson.IsNull(list))
        {
            throw new RequestRejectedException("contents", "'contents' is required.");
        }

        if (choice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Named && tools.Count == 0)
        {
            throw new RequestRejectedException("toolConfig.functionCallingConfig.mode", "'toolConfig.functionCallingConfig.mode' ANY needs function declarations in 'tools'.");
        }

        if (choice.Mode == ToolChoiceMode.Named && tools.All(t => t.Name != choice.Name))
        {
            throw new RequestRejectedException("toolConfig.functionCallingConfig.allowedFunctionNames", $"'toolConfig.functionCallingConfig.allowedFunctionNames' names '{CompatJson.Safe(choice.Name!)}', which is not declared in 'tools'.");
        }

        var (turns, attachments) = ReadContents(list, emulate);
        return new CompatChatInput
        {
            Model = model,
            Instructions = instructions,
            Turns = turns,
            Attachments = attachments,
            Stream = stream,
            ExtendedThinking = extended,
            IncludeThoughts = includeThoughts,
            IgnoredParams = ignored,
            Tools = tools,
            ToolChoice = choice,
            Output = output,
        };
    }

    /// <summary>snake_case to camelCase; camelCase names pass unchanged.</summary>
    public static string Camel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var result = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upper = result.Length > 0;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return result.ToString();
    }

    private static (bool Extended, bool IncludeThoughts, StructuredOutput? Output) ReadGenerationConfig(JsonElement config, List<string> ignored, bool emulate)
    {
        if (CompatJson.IsNull(config))
        {
            return (false, false, null);
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("generationConfig", $"'generationConfig' must be an object, not {CompatJson.Describe(config.ValueKind)}.");
        }

        var extended = false;
        var includeThoughts = false;
        string? mime = null;
        JsonElement? responseSchema = null;
        JsonElement? responseJsonSchema = null;
        foreach (var property in config.EnumerateObject())
        {
            var name = Camel(property.Name);
            var field = "generationConfig." + CompatJson.Safe(name);
            var value = property.Value;
            if (CompatJson.IsNull(value))
            {
                continue;
            }

            switch (name)
            {
                case "candidateCount":
                    if (!(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count == 1))
                    {
                        throw new RequestRejectedException(field, $"'{field}' other than 1 is not supported: Gemini web answers with one candidate.");
                    }

                    break;
                case "stopSequences":
                    if (!(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
                    {
                        throw new RequestRejectedException(field, $"'{field}' is not supported: the Gemini web app has no stop sequences.");
                    }

                    break;
                case "responseMimeType":
                    mime = CompatJson.RequireString(value, field);
                    break;
                case "responseSchema":
                    responseSchema = value;
                    break;
                case "responseJsonSchema":
                    responseJsonSchema = value;
                    break;
                case "speechConfig" or "imageConfig" or "routingConfig" or "modelSelectionConfig":
                    throw new RequestRejectedException(field, $"'{field}' is not supported by the Gemini web bridge.");
                case "responseLogprobs":
                    if (CompatJson.Bool(value, field) == true)
                    {
                        throw new RequestRejectedException(field, $"'{field}' is not supported: the Gemini web app exposes no token probabilities.");
                    }

                    break;
                case "logprobs":
                    throw new RequestRejectedException(field, $"'{field}' is not supported: the Gemini web app exposes no token probabilities.");
                case "responseModalities":
                    if (!(value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString() == "TEXT")))
                    {
                        throw new RequestRejectedException(field, $"'{field}' other than [\"TEXT\"] is not supported.");
                    }

                    break;
                case "thinkingConfig":
                    (extended, includeThoughts) = ReadThinkingConfig(value, ignored);
                    break;
                default:
                    if (!IgnoredHints.Contains(name))
                    {
                        throw new RequestRejectedException(field, $"Invalid JSON payload received. Unknown name \"{CompatJson.Safe(property.Name)}\" at 'generation_config': cannot find field.");
                    }

                    ignored.Add(field);
                    break;
            }
        }

        return (extended, includeThoughts, GeminiToolReader.ReadOutput(mime, responseSchema, responseJsonSchema, emulate));
    }

    private static (bool Extended, bool IncludeThoughts) ReadThinkingConfig(JsonElement value, List<string> ignored)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("generationConfig.thinkingConfig", "'generationConfig.thinkingConfig' must be an object.");
        }

        var extended = false;
        var include = false;
        foreach (var property in value.EnumerateObject())
        {
            var name = Camel(property.Name);
            var field = "generationConfig.thinkingConfig." + CompatJson.Safe(name);
            switch (name)
            {
                case "includeThoughts":
                    include = CompatJson.Bool(property.Value, field) ?? false;
                    break;
                case "thinkingLevel":
                    // HIGH asks a thinking model for extended thinking; whether a model thinks at all is the model's choice.
                    extended = !CompatJson.IsNull(property.Value) && string.Equals(CompatJson.RequireString(property.Value, field), "HIGH", StringComparison.OrdinalIgnoreCase);
                    break;
                case "thinkingBudget":
                    if (!CompatJson.IsNull(property.Value))
                    {
                        ignored.Add(field);
                    }

                    break;
                default:
                    throw new RequestRejectedException(field, $"Invalid JSON payload received. Unknown name \"{CompatJson.Safe(property.Name)}\" at 'generation_config.thinking_config': cannot find field.");
            }
        }

        return (extended, include);
    }

    private static string SystemText(JsonElement value)
    {
        // The SDKs send a Content; a bare string is accepted too.
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        var attachments = new List<CompatAttachment>();
        var text = ContentText(value, "systemInstruction", attachments, allowFiles: false, null, null);
        return text;
    }

    private static (IReadOnlyList<CompatTurn> Turns, IReadOnlyList<CompatAttachment> Attachments) ReadContents(JsonElement contents, bool emulate)
    {
        if (contents.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException("contents", $"'contents' must be an array, not {CompatJson.Describe(contents.ValueKind)}.");
        }

        var turns = new List<CompatTurn>();
        var attachments = new List<CompatAttachment>();
        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var path = $"contents[{index++}]";
            if (content.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path, $"'{path}' must be a Content object with 'parts'.");
            }

            var role = CompatRole.User;
            if (content.TryGetProperty("role", out var roleValue) && !CompatJson.IsNull(roleValue))
            {
                role = CompatJson.RequireString(roleValue, path + ".role") switch
                {
                    "user" or "" => CompatRole.User,
                    "model" => CompatRole.Model,

                    // Some clients send function responses under role "function" or "tool".
                    "function" or "tool" when emulate => CompatRole.User,
                    var other => throw new RequestRejectedException(path + ".role", $"'{path}.role' must be 'user' or 'model', not '{CompatJson.Safe(other)}'."),
                };
            }

            var calls = emulate && role == CompatRole.Model ? new List<ToolCall>() : null;
            var results = emulate && role == CompatRole.User ? new List<ToolResult>() : null;
            var text = ContentText(content, path, attachments, allowFiles: role == CompatRole.User, calls, results);
            if (results is { Count: > 0 })
            {
                turns.AddRange(results.Select(CompatTurn.ForToolResult));
                if (text.Length > 0)
                {
                    turns.Add(new CompatTurn(CompatRole.User, text));
                }
            }
            else if (calls is { Count: > 0 })
            {
                turns.Add(CompatTurn.ForToolCalls(text, calls));
            }
            else if (role == CompatRole.User || text.Length > 0)
            {
                turns.Add(new CompatTurn(role, text));
            }
        }

        if (turns.Count == 0)
        {
            throw new RequestRejectedException("contents", "'contents' must not be empty.");
        }

        if (turns[^1].Role == CompatRole.Model)
        {
            throw new RequestRejectedException("contents", "The last entry of 'contents' must have role 'user' (a message or function responses).");
        }

        return (turns, attachments);
    }

    /// <param name="calls">Collects <c>functionCall</c> parts (model turns, when emulating); null refuses them.</param>
    /// <param name="results">Collects <c>functionResponse</c> parts (user turns, when emulating); null refuses them.</param>
    private static string ContentText(JsonElement content, string path, List<CompatAttachment> attachments, bool allowFiles, List<ToolCall>? calls, List<ToolResult>? results)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(path, $"'{path}' must be a Content object with 'parts'.");
        }

        JsonElement parts = default;
        foreach (var property in content.EnumerateObject())
        {
            switch (Camel(property.Name))
            {
                case "parts":
                    parts = property.Value;
                    break;
                case "role":
                    break;
                default:
                    throw new RequestRejectedException($"{path}.{CompatJson.Safe(property.Name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at '{path}': cannot find field.");
            }
        }

        if (parts.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException(path + ".parts", $"'{path}.parts' must be an array of parts.");
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}.parts[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(partPath, $"'{partPath}' must be a Part object.");
            }

            string? partText = null;
            var thought = false;
            foreach (var property in part.EnumerateObject())
            {
                var name = Camel(property.Name);
                var field = $"{partPath}.{CompatJson.Safe(name)}";
                switch (name)
                {
                    case "text":
                        partText = CompatJson.RequireString(property.Value, field);
                        break;
                    case "thought":
                        thought = CompatJson.Bool(property.Value, field) ?? false;
                        break;
                    case "thoughtSignature" or "partMetadata" or "mediaResolution":
                        break;
                    case "inlineData" when allowFiles:
                        attachments.Add(ReadInlineData(property.Value, field, attachments.Count + 1));
                        break;
                    case "fileData":
                        throw new RequestRejectedException(field, $"'{field}' is not supported: the gateway does not fetch file URIs; send the bytes as 'inlineData'.");
                    case "functionCall" when calls is not null:
                        calls.Add(GeminiToolReader.ReadCall(property.Value, field));
                        break;
                    case "functionResponse" when results is not null:
                        results.Add(GeminiToolReader.ReadResult(property.Value, field));
                        break;
                    case "functionCall" or "functionResponse" or "executableCode" or "codeExecutionResult" or "toolCall" or "toolResponse":
                        throw new RequestRejectedException(field, $"'{field}' is not supported: the Gemini web app has no function calling or code execution here (function calls are emulated in model turns, responses in user turns, unless Compat:Tools:Mode = reject).");
                    case "videoMetadata":
                        throw new RequestRejectedException(field, $"'{field}' is not supported.");
                    default:
                        throw new RequestRejectedException(field, $"'{field}' is not supported here.");
                }
            }

            // Thinking text of earlier answers is not replayed: the visible answer is the conversation.
            if (partText is { Length: > 0 } && !thought)
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(partText);
            }
        }

        return text.ToString();
    }

    private static CompatAttachment ReadInlineData(JsonElement blob, string field, int number)
    {
        if (blob.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException(field, $"'{field}' must be an object with 'mimeType' and 'data'.");
        }

        string? mime = null;
        string? data = null;
        foreach (var property in blob.EnumerateObject())
        {
            switch (Camel(property.Name))
            {
                case "mimeType":
                    mime = CompatJson.RequireString(property.Value, field + ".mimeType");
                    break;
                case "data":
                    data = CompatJson.RequireString(property.Value, field + ".data");
                    break;
                case "displayName":
                    break;
                default:
                    throw new RequestRejectedException($"{field}.{CompatJson.Safe(property.Name)}", $"Unknown name \"{CompatJson.Safe(property.Name)}\" at '{field}': cannot find field.");
            }
        }

        if (string.IsNullOrWhiteSpace(mime))
        {
            throw new RequestRejectedException(field + ".mimeType", $"'{field}.mimeType' is required.");
        }

        if (data is null)
        {
            throw new RequestRejectedException(field + ".data", $"'{field}.data' is required (the bytes, base64).");
        }

        // The Gemini API also accepts URL-safe base64.
        var bytes = DataUrl.Base64(data.Replace('-', '+').Replace('_', '/'), field + ".data");
        var type = mime.Split(';', 2)[0].Trim();
        return new CompatAttachment(DataUrl.FileNameFor(type, number), type, bytes, field + ".data");
    }
}
