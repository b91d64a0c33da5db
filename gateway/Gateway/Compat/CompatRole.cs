namespace Gateway.Compat;

/// <summary>Who said a turn, after each surface's roles are normalized (OpenAI assistant and Gemini model are <see cref="Model"/>).</summary>
internal enum CompatRole
{
    User,
    Model,

    /// <summary>A tool's result sent back by the client (OpenAI <c>tool</c>, Gemini <c>functionResponse</c>, ...).</summary>
    Tool,
}
