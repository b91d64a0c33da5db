using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>What an hNvQHb read says about the turn a broken stream was producing (protocol §5.4.1, §11.2).</summary>
internal sealed record RecoveredTurn(RecoveredTurnState State, string? ResponseId, CandidateSnapshot? Candidate);

internal enum RecoveredTurnState
{
    /// <summary>The newest turn is still the previous answer (same rcid), or there is no turn yet: poll again.</summary>
    NotYet,

    /// <summary>The new turn is listed but still working (c[8][0] ≠ 2 and c[12][6][0] set): poll again.</summary>
    Working,

    /// <summary>The new turn is finished, or stopped (policy/limit) with whatever text it has: take it.</summary>
    Ready,
}

/// <summary>Reads the newest turn of an hNvQHb reply ([GWA] <c>client.py:1290-1329</c>, <c>chat_mixin.py:153-177</c>).</summary>
internal static class RecoveredTurnParser
{
    /// <param name="previousChoiceId">The rcid the request continued from; null for a new chat (any rcid is new).</param>
    public static RecoveredTurn Parse(JsonElement root, string? previousChoiceId)
    {
        if (!JsonNav.TryGetArray(root, GeminiReplyPaths.ChatTurns, out var turns) || turns.GetArrayLength() == 0)
        {
            return new(RecoveredTurnState.NotYet, null, null);
        }

        var newest = turns[0];
        if (!JsonNav.TryGetArray(newest, GeminiReplyPaths.TurnCandidates, out var candidates) || candidates.GetArrayLength() == 0)
        {
            return new(RecoveredTurnState.NotYet, null, null);
        }

        var chosen = candidates[0];
        if (JsonNav.GetString(chosen, GeminiReplyPaths.ChoiceId) is not { Length: > 0 } choiceId || choiceId == previousChoiceId)
        {
            return new(RecoveredTurnState.NotYet, null, null);
        }

        var candidate = ReplySnapshotParser.ParseCandidate(chosen, choiceId);
        var hasAnswer = candidate.RawText.Length > 0 || candidate.RawThoughts is { Length: > 0 } || candidate.Images.Count > 0 || candidate.Media.Count > 0;
        var state = !candidate.IsComplete && candidate.Busy ? RecoveredTurnState.Working
            : hasAnswer ? RecoveredTurnState.Ready
            : RecoveredTurnState.Working;
        return new(state, JsonNav.GetString(newest, GeminiReplyPaths.TurnResponseId), candidate);
    }
}
