namespace Gateway.Compat;

/// <summary>One message of the conversation the client sent, reduced to its text.</summary>
public sealed record CompatTurn(CompatRole Role, string Text);
