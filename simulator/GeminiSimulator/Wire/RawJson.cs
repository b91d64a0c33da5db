namespace GeminiSimulator.Wire;

/// <summary>Pre-serialized JSON text inserted verbatim by <see cref="JsonText"/>.</summary>
internal sealed record RawJson(string Text);
