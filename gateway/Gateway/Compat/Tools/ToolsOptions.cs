namespace Gateway.Compat.Tools;

/// <summary>
/// <c>Compat:Tools</c>. The Gemini web app has no function calling or JSON mode; the gateway emulates both in the
/// prompt (<see cref="AnswerEmulation"/>). Operators who prefer an honest refusal set <c>Mode</c> to <c>reject</c>:
/// tools, tool messages and structured output are then refused with a 400 naming the parameter.
/// </summary>
internal sealed class ToolsOptions
{
    public const string SectionName = "Compat:Tools";

    public ToolsMode Mode { get; set; } = ToolsMode.Emulate;

    public bool Emulates => Mode == ToolsMode.Emulate;
}
