namespace Gateway.Compat.Tools;

/// <summary>OpenAI <c>tool_choice</c>, Gemini <c>toolConfig.functionCallingConfig</c>, Anthropic <c>tool_choice</c>, normalized.</summary>
internal sealed record ToolChoice(ToolChoiceMode Mode, string? Name = null)
{
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto);

    public static ToolChoice None { get; } = new(ToolChoiceMode.None);

    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required);

    public static ToolChoice Named(string name) => new(ToolChoiceMode.Named, name);
}
