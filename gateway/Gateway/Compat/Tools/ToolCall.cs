using System.Text.Json;

namespace Gateway.Compat.Tools;

/// <summary>
/// A call the model made (parsed from its answer) or made earlier (replayed by the client in the conversation).
/// <see cref="Arguments"/> is a JSON object; <see cref="ArgumentsJson"/> is its compact text (OpenAI's
/// <c>arguments</c> string). <see cref="Id"/> is the surface's call id (the gateway mints <c>call_...</c> ones).
/// </summary>
internal sealed record ToolCall(string Id, string Name, JsonElement Arguments)
{
    public string ArgumentsJson => JsonSerializer.Serialize(Arguments, ToolJson.Compact);
}
