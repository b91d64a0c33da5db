using System.Globalization;
using GeminiSimulator.Conversations;
using GeminiSimulator.Wire;

namespace GeminiSimulator.Rpcs;

/// <summary>§11 chat history: MaZiqc list, hNvQHb read, GzXR5e / qWymEb delete.</summary>
internal static class ChatRpcs
{
    private const string CursorPrefix = "sim-cursor-";

    /// <summary>
    /// Payload [pageSize, cursor, [flag, null, 1]]. §11.1 Unsure: flag 1 is read as "pinned only"; the
    /// simulator has no pinning, so that list is empty. Reply [null, nextCursor|null, [chat…]].
    /// </summary>
    public static RpcResult List(RpcContext context, RpcCall call)
    {
        if (Nav.Long(call.Payload, 2, 0) == 1)
        {
            return RpcResult.Ok(new object?[] { null, null, Array.Empty<object?>() });
        }

        var pageSize = (int)Math.Clamp(Nav.Long(call.Payload, 0) ?? 13, 1, 1000);
        var cursor = Nav.Str(call.Payload, 1);
        var offset = cursor is not null && cursor.StartsWith(CursorPrefix, StringComparison.Ordinal) &&
                     int.TryParse(cursor.AsSpan(CursorPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var all = context.State.Conversations.ListFor(context.Account.PsidHash);
        var page = all.Skip(offset).Take(pageSize).Select(c => (object?)new object?[]
        {
            c.Cid, c.Title, null, null, null, Timestamps.Of(c.UpdatedAt), null, null, null, 1,
        }).ToArray();
        var next = offset + pageSize < all.Count ? CursorPrefix + (offset + pageSize).ToString(CultureInfo.InvariantCulture) : null;
        return RpcResult.Ok(new object?[] { null, next, page });
    }

    /// <summary>§11.2: [[turn…]] newest first; turn = [[cid,rid], null, [[prompt]], [[candidate]], [s, ns]]. Unknown cid → [] (§11.4).</summary>
    public static RpcResult Read(RpcContext context, RpcCall call)
    {
        var cid = Nav.Str(call.Payload, 0) ?? string.Empty;
        var conversation = context.State.Conversations.Find(cid);
        if (conversation is null || conversation.OwnerHash != context.Account.PsidHash || conversation.Temporary)
        {
            return RpcResult.Ok(Array.Empty<object?>());
        }

        // §12: [LEE] polls the chat instead of kwDCne, so a read also advances a running research.
        if (context.State.Conversations.ResearchForChat(cid) is { State: ResearchState.Running } job)
        {
            ResearchProgress.Poll(context, job);
        }

        var limit = (int)Math.Clamp(Nav.Long(call.Payload, 1) ?? 10, 1, 1000);
        var visible = conversation.NewestFirst().Where(t => !t.ConsumeHiddenRead()).ToList();
        var turns = visible.Take(limit).Select(t => (object?)new object?[]
        {
            new object?[] { conversation.Cid, t.Rid },
            null,
            new object?[] { new object?[] { t.Prompt } },
            new object?[] { new object?[] { context.Shapes.Shape(t.Candidate) } },
            Timestamps.Of(t.At),
        }).ToArray();
        return RpcResult.Ok(new object?[] { turns });
    }

    /// <summary>§11.3: delete on either call; reply [].</summary>
    public static RpcResult Delete(RpcContext context, RpcCall call)
    {
        var cid = Nav.Str(call.Payload, 0) ?? string.Empty;
        context.State.Conversations.Remove(cid, context.Account.PsidHash);
        return RpcResult.Ok(Array.Empty<object?>());
    }
}
