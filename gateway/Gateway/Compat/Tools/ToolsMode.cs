namespace Gateway.Compat.Tools;

/// <summary><c>Compat:Tools:Mode</c>: emulate tools and structured output in the prompt, or refuse them with a 400.</summary>
internal enum ToolsMode
{
    Emulate,
    Reject,
}
