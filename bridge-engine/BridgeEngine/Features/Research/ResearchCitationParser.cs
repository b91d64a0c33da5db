using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Research;

/// <summary>
/// Deep-research sources at candidate [30][0][5][0]["44"] (§12 step 6, [LEE] research_extract.go, Unsure). The
/// group shape is not pinned down: a group is read either as a list of entries or as <c>[null, [entry…]]</c> (what
/// the simulator emits); an entry's [3][0][1] is the URL, [3][0][2] the title, [3][1] the reference number.
/// </summary>
internal static class ResearchCitationParser
{
    public static IReadOnlyList<Citation> Parse(JsonElement candidate)
    {
        var citations = new List<Citation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!JsonNav.TryGetArray(candidate, GeminiReplyPaths.ResearchCitationGroups, out var groups))
        {
            return citations;
        }

        foreach (var group in groups.EnumerateArray())
        {
            if (group.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in group.EnumerateArray())
            {
                if (TryRead(item) is { } direct)
                {
                    Add(direct, citations, seen);
                }
                else if (item.ValueKind == JsonValueKind.Array)
                {
                    foreach (var nested in item.EnumerateArray())
                    {
                        if (TryRead(nested) is { } citation)
                        {
                            Add(citation, citations, seen);
                        }
                    }
                }
            }
        }

        return citations;
    }

    private static Citation? TryRead(JsonElement entry) =>
        JsonNav.GetString(entry, [3, 0, 1]) is { Length: > 0 } url
            ? new Citation(url, JsonNav.GetString(entry, [3, 0, 2]), JsonNav.GetInt(entry, [3, 1]))
            : null;

    private static void Add(Citation citation, List<Citation> into, HashSet<string> seen)
    {
        if (seen.Add(citation.Url))
        {
            into.Add(citation);
        }
    }
}
