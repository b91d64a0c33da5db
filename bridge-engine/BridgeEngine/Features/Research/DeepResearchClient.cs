using System.Globalization;
using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.Research;

/// <summary>
/// Deep research (protocol §12, Unsure throughout): a plan turn (slot 49 = 1), a confirm turn in the same chat,
/// kwDCne polls, and the report read from the chat (hNvQHb). The gateway keeps no state: the research id is the
/// upstream UUID and kwDCne names its conversation.
/// </summary>
public sealed class DeepResearchClient
{
    private const int ReportTurns = 10;

    private readonly AccountRpcRunner _runner;

    public DeepResearchClient(AccountRpcRunner runner)
    {
        _runner = runner;
    }

    /// <summary>§12 step 3: the plan turn. Its reply is read back from the chat to find the plan and the research id.</summary>
    public async Task<ResearchStart> StartAsync(UpstreamCall call, string prompt, string? model, CancellationToken cancellationToken)
    {
        var result = await RunTurnAsync(call, new ChatRequest { Prompt = prompt, Model = model, DeepResearch = true }, cancellationToken).ConfigureAwait(false);
        var cid = result.Conversation.ConversationId;
        if (string.IsNullOrEmpty(cid))
        {
            throw UpstreamErrorMapper.Malformed("the research plan turn named no conversation");
        }

        using var read = await ReadChatAsync(call, cid, 1, cancellationToken).ConfigureAwait(false);
        var candidate = NewestCandidate(read);
        var researchId = candidate is { } c ? ResearchParser.FindResearchId(c) : null;
        if (researchId is null)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini answered without a deep research plan (the account may not offer deep research).");
        }

        return new ResearchStart(researchId, ResearchState.AwaitingConfirmation, ResearchParser.FindPlan(candidate!.Value), result.Text, result.Conversation);
    }

    /// <summary>
    /// §12 step 4: sends the plan's confirm prompt as the next turn of the research chat (same flags). A research that
    /// is already running or done is answered as it is (confirming twice starts nothing).
    /// </summary>
    public async Task<ResearchStart> ConfirmAsync(UpstreamCall call, string researchId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(call, researchId, cancellationToken).ConfigureAwait(false);
        using var read = await ReadChatAsync(call, status.ConversationId, 1, cancellationToken).ConfigureAwait(false);
        var turn = NewestTurn(read);
        var rid = turn is { } t ? JsonNav.GetString(t, GeminiReplyPaths.TurnResponseId) : null;
        var candidate = NewestCandidate(read);
        var rcid = candidate is { } c ? JsonNav.GetString(c, GeminiReplyPaths.ChoiceId) : null;
        if (status.State != ResearchState.AwaitingConfirmation)
        {
            return new ResearchStart(researchId, status.State, null, string.Empty, new ConversationRef(status.ConversationId, rid, rcid, null));
        }

        var plan = candidate is { } planCandidate ? ResearchParser.FindPlan(planCandidate) : null;
        var request = new ChatRequest
        {
            Prompt = plan?.ConfirmPrompt ?? ResearchParser.DefaultConfirmPrompt,
            DeepResearch = true,
            Conversation = new ConversationRef(status.ConversationId, rid, rcid, null),
        };
        var result = await RunTurnAsync(call, request, cancellationToken).ConfigureAwait(false);
        return new ResearchStart(researchId, ResearchState.Running, null, result.Text, result.Conversation);
    }

    /// <summary>§12 step 5: one kwDCne poll. An unknown id (empty reply) is NOT_FOUND.</summary>
    public async Task<ResearchStatus> StatusAsync(UpstreamCall call, string researchId, CancellationToken cancellationToken)
    {
        using var reply = await _runner.ExecuteAsync(call, new BatchCall(RpcIds.ResearchStatus, "[" + Json.Quote(researchId) + "]"), "/app", cancellationToken).ConfigureAwait(false);
        return (reply is null ? null : ResearchParser.ParseStatus(reply.RootElement, researchId))
            ?? throw FeatureErrors.NotFound($"No deep research '{FeatureErrors.Safe(researchId)}' for this account.");
    }

    /// <summary>§12 step 6: once completed, the newest model turn of the chat holds the report and its sources.</summary>
    public async Task<ResearchReport> ReportAsync(UpstreamCall call, string researchId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(call, researchId, cancellationToken).ConfigureAwait(false);
        var report = new ResearchReport
        {
            ResearchId = researchId,
            State = status.State,
            ConversationId = status.ConversationId,
            Title = status.Title,
            Query = status.Query,
        };
        if (status.State != ResearchState.Completed)
        {
            return report;
        }

        using var read = await ReadChatAsync(call, status.ConversationId, ReportTurns, cancellationToken).ConfigureAwait(false);
        if (read is null || !JsonNav.TryGetArray(read.RootElement, GeminiReplyPaths.ChatTurns, out var turns))
        {
            return report;
        }

        // Newest first (§11.2): the first turn whose candidate carries [30][0][4] is the report; else the newest text.
        string? fallbackText = null;
        ConversationRef? fallbackRef = null;
        foreach (var turn in turns.EnumerateArray())
        {
            if (!JsonNav.TryGetArray(turn, GeminiReplyPaths.TurnCandidates, out var candidates) || !JsonNav.TryStep(candidates, 0, out var candidate)
                || JsonNav.GetString(candidate, GeminiReplyPaths.ChoiceId) is not { Length: > 0 } rcid)
            {
                continue;
            }

            var parsed = ReplySnapshotParser.ParseCandidate(candidate, rcid);
            var reference = new ConversationRef(status.ConversationId, JsonNav.GetString(turn, GeminiReplyPaths.TurnResponseId), rcid, null);
            if (JsonNav.GetString(candidate, GeminiReplyPaths.ResearchReport) is { Length: > 0 } text)
            {
                return report with { Report = AnswerTextCleaner.CleanFinal(text), Sources = ResearchCitationParser.Parse(candidate), Conversation = reference };
            }

            if (fallbackText is null && parsed.RawText.Length > 0)
            {
                fallbackText = AnswerTextCleaner.CleanFinal(parsed.RawText);
                fallbackRef = reference;
            }
        }

        return report with { Report = fallbackText, Conversation = fallbackRef };
    }

    private async Task<ChatResult> RunTurnAsync(UpstreamCall call, ChatRequest request, CancellationToken cancellationToken)
    {
        await using var turn = await _runner.Client.StartChatAsync(call, request, cancellationToken).ConfigureAwait(false);
        ChatResult? result = null;
        await foreach (var item in turn.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item is ChatEvent.Completed completed)
            {
                result = completed.Result;
            }
        }

        return result ?? throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
    }

    private Task<JsonDocument?> ReadChatAsync(UpstreamCall call, string cid, int limit, CancellationToken cancellationToken) =>
        _runner.ExecuteAsync(
            call,
            new BatchCall(RpcIds.ReadChat, $"[{Json.Quote(cid)},{limit.ToString(CultureInfo.InvariantCulture)},null,1,[1],[4],null,1]"),
            "/app/" + cid,
            cancellationToken);

    private static JsonElement? NewestTurn(JsonDocument? read) =>
        read is not null && JsonNav.TryGetArray(read.RootElement, GeminiReplyPaths.ChatTurns, out var turns) && JsonNav.TryStep(turns, 0, out var turn) ? turn : null;

    private static JsonElement? NewestCandidate(JsonDocument? read) =>
        NewestTurn(read) is { } turn && JsonNav.TryGetArray(turn, GeminiReplyPaths.TurnCandidates, out var candidates) && JsonNav.TryStep(candidates, 0, out var candidate) ? candidate : null;
}
