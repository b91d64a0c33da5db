using GeminiSimulator.Accounts;

namespace GeminiSimulator.Rpcs;

/// <summary>§10: system gems have readable ids (e.g. <c>coding-partner</c>) and cannot be modified.</summary>
internal static class SystemGems
{
    public static IReadOnlyList<CustomGem> All { get; } =
    [
        new("coding-partner", "Coding partner", "Helps with code", null),
        new("brainstormer", "Brainstormer", "Helps you come up with ideas", null),
    ];

    public static CustomGem? Find(string id) => All.FirstOrDefault(g => g.Id == id);

    /// <summary>A system gem or one of the account's custom gems.</summary>
    public static CustomGem? Resolve(AccountBehavior account, string id) =>
        Find(id) ?? (account.CustomGems.TryGetValue(id, out var gem) ? gem : null);
}
