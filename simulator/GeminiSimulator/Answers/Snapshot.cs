namespace GeminiSimulator.Answers;

/// <summary>One §5.4 snapshot: the whole text (and thoughts) so far.</summary>
internal sealed record Snapshot(string Text, string? Thoughts, bool Final);
