using BridgeEngine.Contracts;
using Gateway.Compat.Tools;

namespace Gateway.Compat.Responses;

/// <summary>
/// One item of a response's <c>output</c>: reasoning (<see cref="Text"/> = Gemini's thoughts, as the summary), the
/// assistant message (<see cref="Text"/> = the answer, with <see cref="Citations"/>) or a function call
/// (<see cref="Call"/>). <see cref="Id"/> carries the conversation reference (<see cref="ResponseIdCodec"/>).
/// </summary>
internal sealed record ResponseOutputItem(ResponseItemKind Kind, string Id, string Text)
{
    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public ToolCall? Call { get; init; }
}
