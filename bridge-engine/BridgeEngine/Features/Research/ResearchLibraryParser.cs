using System.Text.Json;
using BridgeEngine.Features.Common;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Research;

/// <summary>jGArJ ([LEE] only): <c>[[report…], cursor]</c>; report <c>[[cid, rid], [s, ns], state, title, [snippet], rcid]</c>.</summary>
internal static class ResearchLibraryParser
{
    public static (IReadOnlyList<ResearchLibraryEntry> Reports, string? Cursor) Parse(JsonElement root)
    {
        var reports = new List<ResearchLibraryEntry>();
        if (JsonNav.TryGetArray(root, GeminiReplyPaths.ReportList, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (JsonNav.GetString(item, GeminiReplyPaths.ReportConversationId) is { Length: > 0 } cid)
                {
                    reports.Add(new ResearchLibraryEntry(
                        cid,
                        JsonNav.GetString(item, GeminiReplyPaths.ReportResponseId),
                        JsonNav.GetString(item, GeminiReplyPaths.ReportChoiceId),
                        JsonNav.GetString(item, GeminiReplyPaths.ReportTitle),
                        JsonNav.GetString(item, GeminiReplyPaths.ReportSnippet),
                        WireTime.FromPair(item, GeminiReplyPaths.ReportTimestamp)));
                }
            }
        }

        return (reports, JsonNav.GetString(root, GeminiReplyPaths.ReportListCursor));
    }
}
