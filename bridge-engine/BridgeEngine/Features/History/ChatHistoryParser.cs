using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Features.Common;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.History;

/// <summary>Reads MaZiqc (list, §11.1) and hNvQHb (read, §11.2) payloads. Shapes follow [GWA]/[LEE]; every path is in GeminiReplyPaths.</summary>
internal static class ChatHistoryParser
{
    public static ConversationPage ParseList(JsonElement root)
    {
        var items = new List<ConversationSummary>();
        if (JsonNav.TryGetArray(root, GeminiReplyPaths.ChatListItems, out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (JsonNav.GetString(item, GeminiReplyPaths.ChatItemId) is { Length: > 0 } id)
                {
                    items.Add(new ConversationSummary(
                        id,
                        JsonNav.GetString(item, GeminiReplyPaths.ChatItemTitle),
                        IsTruthy(item, GeminiReplyPaths.ChatItemPinned),
                        WireTime.FromPair(item, GeminiReplyPaths.ChatItemUpdated)));
                }
            }
        }

        var cursor = JsonNav.GetString(root, GeminiReplyPaths.ChatListCursor);
        return new ConversationPage(items, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    /// <summary>Turns oldest first. An empty list means upstream knows no such chat (§11.4: unknown cid → []).</summary>
    public static IReadOnlyList<ConversationTurn> ParseRead(JsonElement root)
    {
        var turns = new List<ConversationTurn>();
        if (!JsonNav.TryGetArray(root, GeminiReplyPaths.ChatTurns, out var list))
        {
            return turns;
        }

        foreach (var turn in list.EnumerateArray())
        {
            if (ParseTurn(turn) is { } parsed)
            {
                turns.Add(parsed);
            }
        }

        turns.Reverse();
        return turns;
    }

    private static ConversationTurn? ParseTurn(JsonElement turn)
    {
        var cid = JsonNav.GetString(turn, GeminiReplyPaths.TurnConversationId);
        var rid = JsonNav.GetString(turn, GeminiReplyPaths.TurnResponseId);
        if (string.IsNullOrEmpty(cid) || string.IsNullOrEmpty(rid))
        {
            return null;
        }

        JsonElement? chosen = null;
        string? choiceId = null;
        if (JsonNav.TryGetArray(turn, GeminiReplyPaths.TurnCandidates, out var candidates))
        {
            foreach (var candidate in candidates.EnumerateArray())
            {
                if (JsonNav.GetString(candidate, GeminiReplyPaths.ChoiceId) is { Length: > 0 } id)
                {
                    chosen = candidate;
                    choiceId = id;
                    break;
                }
            }
        }

        var snapshot = chosen is { } c && choiceId is not null ? ReplySnapshotParser.ParseCandidate(c, choiceId) : null;
        var status = snapshot is null ? TurnStatus.Unmarked
            : snapshot.IsComplete ? TurnStatus.Complete
            : JsonNav.TryPath(chosen!.Value, GeminiReplyPaths.CandidateBusy, out _) ? TurnStatus.InProgress
            : TurnStatus.Unmarked;
        return new ConversationTurn
        {
            ResponseId = rid,
            ChoiceId = choiceId,
            Prompt = JsonNav.GetString(turn, GeminiReplyPaths.TurnPrompt),
            CreatedAt = WireTime.FromPair(turn, GeminiReplyPaths.TurnTimestamp),
            Text = snapshot is null ? string.Empty : AnswerTextCleaner.CleanFinal(snapshot.RawText),
            Thoughts = snapshot?.RawThoughts is { Length: > 0 } thoughts ? AnswerTextCleaner.CleanFinal(thoughts) : null,
            Images = snapshot?.Images ?? [],
            Citations = snapshot?.Citations ?? [],
            Status = status,
            Conversation = new ConversationRef(cid, rid, choiceId, null),
        };
    }

    private static bool IsTruthy(JsonElement parent, ReadOnlySpan<int> path)
    {
        if (!JsonNav.TryPath(parent, path, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.Number => value.TryGetDouble(out var n) && n != 0,
            JsonValueKind.String => JsonNav.ReadText(value).Length > 0,
            JsonValueKind.Array => value.GetArrayLength() > 0,
            _ => false,
        };
    }
}
