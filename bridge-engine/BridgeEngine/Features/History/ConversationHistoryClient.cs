using System.Globalization;
using BridgeEngine.Client;
using BridgeEngine.Features.Common;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.History;

/// <summary>Chat history (protocol §11): list (MaZiqc), read (hNvQHb), delete (GzXR5e then qWymEb, [GWA]).</summary>
public sealed class ConversationHistoryClient
{
    private const string PinnedIdentifier = "pinned";
    private const string RecentIdentifier = "recent";

    /// <summary>Turns read per conversation; the web app reads 10 at a time, the bridge reads a whole chat up to this.</summary>
    public const int MaxTurns = 1000;

    private readonly AccountRpcRunner _runner;

    public ConversationHistoryClient(AccountRpcRunner runner)
    {
        _runner = runner;
    }

    /// <summary>
    /// §11.1: [GWA] lists with flag 1 (likely pinned) and flag 0 (the rest) and merges. The first page does the
    /// same in one request; later pages follow the upstream cursor of the flag-0 list ([LEE] paginates it).
    /// </summary>
    public async Task<ConversationPage> ListAsync(UpstreamCall call, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var size = pageSize.ToString(CultureInfo.InvariantCulture);
        var cursorJson = cursor is null ? "null" : Json.Quote(cursor);
        var recent = new BatchCall(RpcIds.ListChats, $"[{size},{cursorJson},[0,null,1]]", RecentIdentifier);
        if (cursor is not null)
        {
            using var reply = await _runner.ExecuteAsync(call, recent, "/app", cancellationToken).ConfigureAwait(false);
            return reply is null ? new ConversationPage([], null) : ChatHistoryParser.ParseList(reply.RootElement);
        }

        var pinned = new BatchCall(RpcIds.ListChats, $"[{size},null,[1,null,1]]", PinnedIdentifier);
        var results = await _runner.ExecuteAsync(call, [pinned, recent], "/app", cancellationToken).ConfigureAwait(false);
        try
        {
            var pinnedPage = results[0] is { } p ? ChatHistoryParser.ParseList(p.RootElement) : new ConversationPage([], null);
            var recentPage = results[1] is { } r ? ChatHistoryParser.ParseList(r.RootElement) : new ConversationPage([], null);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var merged = new List<ConversationSummary>();
            foreach (var item in pinnedPage.Conversations)
            {
                if (seen.Add(item.Id))
                {
                    merged.Add(item with { Pinned = true });
                }
            }

            foreach (var item in recentPage.Conversations)
            {
                if (seen.Add(item.Id))
                {
                    merged.Add(item);
                }
            }

            return new ConversationPage(merged, recentPage.NextCursor);
        }
        finally
        {
            foreach (var result in results)
            {
                result?.Dispose();
            }
        }
    }

    /// <summary>§11.2 read; §11.4: no turns means no such chat for this account → NOT_FOUND.</summary>
    public async Task<ConversationDetail> ReadAsync(UpstreamCall call, string conversationId, int maxTurns, CancellationToken cancellationToken)
    {
        var turns = await ReadTurnsAsync(call, conversationId, maxTurns, cancellationToken).ConfigureAwait(false);
        if (turns.Count == 0)
        {
            throw FeatureErrors.NotFound($"No conversation '{FeatureErrors.Safe(conversationId)}' in this account's history.");
        }

        return new ConversationDetail(conversationId, turns);
    }

    public async Task<IReadOnlyList<ConversationTurn>> ReadTurnsAsync(UpstreamCall call, string conversationId, int maxTurns, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(maxTurns, 1, MaxTurns).ToString(CultureInfo.InvariantCulture);
        var rpc = new BatchCall(RpcIds.ReadChat, $"[{Json.Quote(conversationId)},{limit},null,1,[1],[4],null,1]");
        using var reply = await _runner.ExecuteAsync(call, rpc, "/app/" + conversationId, cancellationToken).ConfigureAwait(false);
        return reply is null ? [] : ChatHistoryParser.ParseRead(reply.RootElement);
    }

    /// <summary>
    /// §11.3 Unsure, [GWA]: GzXR5e [cid] then qWymEb [cid,[1,null,0,1]], two requests. Upstream answers [] whether
    /// or not the chat existed, so the bridge reads it first and answers NOT_FOUND for an unknown id.
    /// </summary>
    public async Task<ConversationDeletion> DeleteAsync(UpstreamCall call, string conversationId, CancellationToken cancellationToken)
    {
        var existing = await ReadTurnsAsync(call, conversationId, 1, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            throw FeatureErrors.NotFound($"No conversation '{FeatureErrors.Safe(conversationId)}' in this account's history.");
        }

        var quoted = Json.Quote(conversationId);
        using (await _runner.ExecuteAsync(call, new BatchCall(RpcIds.DeleteChat, $"[{quoted}]"), "/app", cancellationToken).ConfigureAwait(false))
        {
        }

        using (await _runner.ExecuteAsync(call, new BatchCall(RpcIds.DeleteChatSecond, $"[{quoted},[1,null,0,1]]"), "/app", cancellationToken).ConfigureAwait(false))
        {
        }

        return new ConversationDeletion(conversationId, true);
    }
}
