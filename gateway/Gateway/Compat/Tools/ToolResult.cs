namespace Gateway.Compat.Tools;

/// <summary>
/// What the client's tool returned for a call (OpenAI <c>tool</c> message, Gemini <c>functionResponse</c>, Anthropic
/// <c>tool_result</c>, Responses <c>function_call_output</c>). <see cref="Name"/> may be null when the surface only
/// names the call id; <see cref="ToolCallNames.Resolve"/> fills it from the earlier call. <see cref="Content"/> is text
/// (JSON results are kept as their JSON text).
/// </summary>
internal sealed record ToolResult(string CallId, string? Name, string Content, bool IsError = false);
