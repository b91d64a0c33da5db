namespace GeminiSimulator.Accounts;

/// <summary>A gem (§10). System gems have readable ids and no prompt.</summary>
internal sealed record CustomGem(string Id, string Name, string Description, string? Prompt);
