using System.Text.Json;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Gems;

/// <summary>Reads CNgdBe list replies and the oMH3Zd create reply (protocol §10).</summary>
internal static class GemParser
{
    public static IReadOnlyList<Gem> ParseList(JsonElement root, GemKind kind)
    {
        var gems = new List<Gem>();
        if (!JsonNav.TryGetArray(root, GeminiReplyPaths.GemList, out var list))
        {
            return gems;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (JsonNav.GetString(item, GeminiReplyPaths.GemId) is { Length: > 0 } id)
            {
                gems.Add(new Gem(
                    id,
                    kind,
                    JsonNav.GetString(item, GeminiReplyPaths.GemName),
                    JsonNav.GetString(item, GeminiReplyPaths.GemDescription),
                    JsonNav.GetString(item, GeminiReplyPaths.GemInstructions)));
            }
        }

        return gems;
    }

    public static string? ParseCreatedId(JsonElement root) => JsonNav.GetString(root, GeminiReplyPaths.CreatedGemId);
}
