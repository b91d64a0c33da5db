using System.Text.Json;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// The tool parts of <c>messages</c>: an assistant's <c>tool_calls</c> (or legacy <c>function_call</c>), and
/// <c>tool</c> (or legacy <c>function</c>) messages with the results. Arguments are OpenAI's JSON strings and must
/// hold a JSON object.
/// </summary>
internal static class OpenAiToolMessages
{
    private static readonly JsonElement EmptyObject = ToolJson.Parse("{}");

    public static IReadOnlyList<ToolCall> ReadCalls(JsonElement message, string path)
    {
        var calls = new List<ToolCall>();
        if (message.TryGetProperty("tool_calls", out var toolCalls) && !CompatJson.IsNull(toolCalls))
        {
            if (toolCalls.ValueKind != JsonValueKind.Array)
            {
                throw new RequestRejectedException(path + ".tool_calls", $"'{path}.tool_calls' must be an array.");
            }

            var index = 0;
            foreach (var item in toolCalls.EnumerateArray())
            {
                var itemPath = $"{path}.tool_calls[{index++}]";
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
                {
                    throw new RequestRejectedException(itemPath, $"'{itemPath}' must be an object with 'id', 'type': 'function' and 'function'.");
                }

                var id = item.TryGetProperty("id", out var idValue) ? CompatJson.RequireString(idValue, itemPath + ".id") : throw new RequestRejectedException(itemPath + ".id", $"'{itemPath}.id' is required.");
                calls.Add(ReadFunction(function, id, itemPath + ".function"));
            }
        }

        if (message.TryGetProperty("function_call", out var legacy) && !CompatJson.IsNull(legacy))
        {
            if (legacy.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path + ".function_call", $"'{path}.function_call' must be an object with 'name' and 'arguments'.");
            }

            // Legacy function calls have no id: the function's name links the call and its result.
            var name = legacy.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".function_call.name") : string.Empty;
            calls.Add(ReadFunction(legacy, name, path + ".function_call"));
        }

        return calls;
    }

    public static ToolResult ReadResult(JsonElement message, string role, string path, string content)
    {
        if (role == "function")
        {
            var name = message.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".name") : throw new RequestRejectedException(path + ".name", $"'{path}.name' is required in a function message.");
            return new ToolResult(name, name, content);
        }

        var id = message.TryGetProperty("tool_call_id", out var idValue) ? CompatJson.RequireString(idValue, path + ".tool_call_id") : throw new RequestRejectedException(path + ".tool_call_id", $"'{path}.tool_call_id' is required in a tool message.");
        return new ToolResult(id, null, content);
    }

    private static ToolCall ReadFunction(JsonElement function, string id, string path)
    {
        var name = function.TryGetProperty("name", out var nameValue) ? CompatJson.RequireString(nameValue, path + ".name") : throw new RequestRejectedException(path + ".name", $"'{path}.name' is required.");
        var arguments = ToolDefinition.NoParameters;
        if (function.TryGetProperty("arguments", out var argumentsValue) && !CompatJson.IsNull(argumentsValue))
        {
            var text = CompatJson.RequireString(argumentsValue, path + ".arguments");
            try
            {
                arguments = text.Trim().Length == 0 ? EmptyObject : ToolJson.Parse(text);
            }
            catch (JsonException)
            {
                throw new RequestRejectedException(path + ".arguments", $"'{path}.arguments' must be a JSON object encoded as a string.");
            }

            if (arguments.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejectedException(path + ".arguments", $"'{path}.arguments' must be a JSON object encoded as a string.");
            }
        }
        else
        {
            arguments = EmptyObject;
        }

        return new ToolCall(id, name, arguments);
    }
}
