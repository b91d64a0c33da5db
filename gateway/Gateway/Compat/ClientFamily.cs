namespace Gateway.Compat;

/// <summary>The SDK family a request on a shared path comes from (<see cref="ClientKind"/>).</summary>
internal enum ClientFamily
{
    OpenAi,
    Google,
    Anthropic,
}
