using System.Text.Json;
using BridgeEngine.Protocol;

namespace BridgeEngine.Parsing;

/// <summary>Reads the otAQ7b account probe payload (protocol §7, §9.3): status code and the account's models.</summary>
internal static class AccountStatusParser
{
    public static (int Status, IReadOnlyList<GeminiModel> Models) Parse(JsonElement root)
    {
        var status = JsonNav.GetInt(root, GeminiReplyPaths.AccountStatus) ?? GeminiReplyPaths.AccountStatusWhenNull;
        var models = new List<GeminiModel>();
        if (JsonNav.TryGetArray(root, GeminiReplyPaths.AccountModels, out var list))
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (JsonNav.GetString(entry, GeminiReplyPaths.ModelId) is { Length: > 0 } id)
                {
                    models.Add(new GeminiModel(
                        id,
                        JsonNav.GetString(entry, GeminiReplyPaths.ModelDisplayName),
                        JsonNav.GetString(entry, GeminiReplyPaths.ModelDescription),
                        JsonNav.GetInt(entry, GeminiReplyPaths.ModelNumber)));
                }
            }
        }

        return (status, models);
    }

    /// <summary>§9.3: the account's model header capacity from tier flags [16] and capability flags [17] (non-lists are empty).</summary>
    public static AccountCapacity ParseCapacity(JsonElement root) =>
        AccountCapacity.From(Flags(root, GeminiReplyPaths.AccountTierFlags), Flags(root, GeminiReplyPaths.AccountCapabilityFlags));

    private static List<int> Flags(JsonElement root, ReadOnlySpan<int> path)
    {
        var flags = new List<int>();
        if (JsonNav.TryGetArray(root, path, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var flag))
                {
                    flags.Add(flag);
                }
            }
        }

        return flags;
    }
}
