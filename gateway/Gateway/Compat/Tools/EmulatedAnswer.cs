using System.Text.Json;

namespace Gateway.Compat.Tools;

/// <summary>
/// The accepted answer of an emulated turn, for the surface to write: <see cref="Text"/> is the prose (calls taken
/// out) or the JSON answer's text; <see cref="ToolCalls"/> the calls, in order (empty for a text answer);
/// <see cref="Json"/> the parsed JSON answer when structured output was asked for and no tool was called.
/// </summary>
internal sealed record EmulatedAnswer(string Text, IReadOnlyList<ToolCall> ToolCalls, JsonElement? Json)
{
    public bool HasToolCalls => ToolCalls.Count > 0;
}
