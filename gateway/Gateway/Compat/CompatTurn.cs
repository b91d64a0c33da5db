namespace Gateway.Compat;

/// <summary>One message of the conversation the client sent, reduced to its text.</summary>
internal sealed record CompatTurn(CompatRole Role, string Text);
