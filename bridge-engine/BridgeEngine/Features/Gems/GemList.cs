namespace BridgeEngine.Features.Gems;

/// <summary>The answer of <c>GET /api/gems</c>: system gems first, then custom ones.</summary>
public sealed record GemList(IReadOnlyList<Gem> Gems)
{
    public Gem? Find(string id) => Gems.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.Ordinal));
}
