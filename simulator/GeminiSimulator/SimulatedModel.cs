namespace GeminiSimulator;

/// <summary>One otAQ7b model entry (§7, §9.3).</summary>
public sealed record SimulatedModel(string Id, string DisplayName, string Description, int ModelNumber, bool Thinking);
