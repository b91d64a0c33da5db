using System.Globalization;
using System.Text.Json;
using BridgeEngine.Features.Common;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Quota;

/// <summary>Reads the §14 quota RPCs ([LEE] shapes, low confidence) and the §9.3 tier flags of otAQ7b.</summary>
internal static class QuotaParser
{
    public static IReadOnlyList<ModelQuota> ParseModelQuota(JsonElement root)
    {
        var items = new List<ModelQuota>();
        if (!JsonNav.TryGetArray(root, GeminiReplyPaths.QuotaItems, out var list))
        {
            return items;
        }

        foreach (var item in list.EnumerateArray())
        {
            var kind = JsonNav.GetInt(item, GeminiReplyPaths.QuotaItemKind);
            var action = JsonNav.GetInt(item, GeminiReplyPaths.QuotaItemAction);
            if (kind is null || action is null)
            {
                continue;
            }

            var total = JsonNav.GetInt(item, GeminiReplyPaths.QuotaItemTotal);
            var remaining = JsonNav.GetInt(item, GeminiReplyPaths.QuotaItemRemaining);
            var unlimited = total == 0;
            items.Add(new ModelQuota(
                string.Create(CultureInfo.InvariantCulture, $"{kind},{action}"),
                ModelFor(action.Value),
                JsonNav.GetInt(item, GeminiReplyPaths.QuotaItemPercent),
                unlimited ? null : total,
                unlimited ? null : remaining,
                unlimited,
                unlimited ? false : total is > 0 && remaining is not null ? remaining <= 0 : null,
                WireTime.FromEpoch(item, GeminiReplyPaths.QuotaItemReset)));
        }

        return items;
    }

    /// <summary>aPya6c: [isBlocked, usageFraction, [resetEpoch]].</summary>
    public static UsageCaps ParseCaps(JsonElement root)
    {
        bool? blocked = JsonNav.TryPath(root, GeminiReplyPaths.CapsBlocked, out var b) && b.ValueKind is JsonValueKind.True or JsonValueKind.False ? b.GetBoolean() : null;
        double? fraction = JsonNav.TryPath(root, GeminiReplyPaths.CapsFraction, out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetDouble(out var v) && v is >= 0 and <= 1 ? v : null;
        return new UsageCaps(blocked, fraction, WireTime.FromEpoch(root, GeminiReplyPaths.CapsReset));
    }

    /// <summary>
    /// §9.3: tier flag 21 → 1, 22 → 2, capability 115 → 4 (plus), tier 16 or capability 106 → 3 (pro), tier 8 or
    /// capability 19 without 106 → 2 (advanced), else 1 (free). Null when the probe carried no flag lists.
    /// </summary>
    public static AccountTier? ParseTier(JsonElement root)
    {
        var hasTier = JsonNav.TryGetArray(root, GeminiReplyPaths.AccountTierFlags, out var tierList);
        var hasCaps = JsonNav.TryGetArray(root, GeminiReplyPaths.AccountCapabilityFlags, out var capList);
        if (!hasTier && !hasCaps)
        {
            return null;
        }

        var tier = hasTier ? Ints(tierList) : [];
        var caps = hasCaps ? Ints(capList) : [];
        var capacity = tier.Contains(21) ? 1
            : tier.Contains(22) ? 2
            : caps.Contains(115) ? 4
            : tier.Contains(16) || caps.Contains(106) ? 3
            : tier.Contains(8) || caps.Contains(19) ? 2
            : 1;
        return capacity switch
        {
            4 => AccountTier.Plus,
            3 => AccountTier.Pro,
            2 => AccountTier.Advanced,
            _ => AccountTier.Free,
        };
    }

    /// <summary>[LEE] quota.go: action 4 Pro, 11 Flash, 15 Flash Thinking; anything else is not named.</summary>
    private static string? ModelFor(int action) => action switch
    {
        4 => "pro",
        11 => "flash",
        15 => "flash-thinking",
        _ => null,
    };

    private static HashSet<int> Ints(JsonElement array)
    {
        var set = new HashSet<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n))
            {
                set.Add(n);
            }
        }

        return set;
    }
}
