using Gateway.Compat.Tools;

namespace Gateway.Compat;

/// <summary>
/// One message of the conversation the client sent, reduced to its text. A <see cref="CompatRole.Model"/> turn may
/// carry the tool calls the model made (<see cref="ToolCalls"/>, with or without text); a <see cref="CompatRole.Tool"/>
/// turn carries one tool's result (<see cref="ToolResult"/>; <see cref="Text"/> is then empty).
/// </summary>
internal sealed record CompatTurn(CompatRole Role, string Text)
{
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    public ToolResult? ToolResult { get; init; }

    public static CompatTurn ForToolResult(ToolResult result) => new(CompatRole.Tool, string.Empty) { ToolResult = result };

    public static CompatTurn ForToolCalls(string text, IReadOnlyList<ToolCall> calls) => new(CompatRole.Model, text) { ToolCalls = calls };
}
