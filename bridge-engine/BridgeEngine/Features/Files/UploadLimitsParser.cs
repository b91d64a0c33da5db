using System.Text.Json;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Files;

/// <summary>
/// mhs1xe upload limits ([LEE] only, §6.3, units unknown: the sample holds <c>[500,300,500000]</c>). Parsed for
/// diagnostics only; the gateway's own configured limits decide.
/// </summary>
internal static class UploadLimitsParser
{
    public static IReadOnlyList<long> Parse(JsonElement root)
    {
        var values = new List<long>();
        if (JsonNav.TryGetArray(root, GeminiReplyPaths.UploadLimitValues, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var value))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }
}
