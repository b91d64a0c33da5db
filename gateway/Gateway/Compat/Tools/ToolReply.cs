namespace Gateway.Compat.Tools;

/// <summary>A model answer read by <see cref="ToolCallParser"/>: the prose around the calls (may be empty) and the calls, in order.</summary>
internal sealed record ToolReply(string Prose, IReadOnlyList<ToolCall> Calls);
