using GeminiSimulator.Conversations;
using GeminiSimulator.Wire;

namespace GeminiSimulator.Rpcs;

/// <summary>§12 deep research RPCs: kwDCne status, jGArJ report library.</summary>
internal static class ResearchRpcs
{
    /// <summary>
    /// §17 choice: [cid, [marker, null, null, [cid], [title, query], researchId, {"70": state}], rid].
    /// marker: deep_research_confirmation_content / deep_research_running / immersive_entry_chip.
    /// Unknown id → [].
    /// </summary>
    public static RpcResult Status(RpcContext context, RpcCall call)
    {
        var id = Nav.Str(call.Payload, 0) ?? string.Empty;
        var job = context.State.Conversations.FindResearch(id);
        var conversation = job is null ? null : context.State.Conversations.Find(job.Cid);
        if (job is null || conversation is null || conversation.OwnerHash != context.Account.PsidHash)
        {
            return RpcResult.Ok(Array.Empty<object?>());
        }

        ResearchProgress.Poll(context, job);
        var (marker, state) = job.State switch
        {
            ResearchState.AwaitingConfirmation => ("deep_research_confirmation_content", 2),
            ResearchState.Running => ("deep_research_running", 3),
            _ => ("immersive_entry_chip", 4),
        };
        return RpcResult.Ok(new object?[]
        {
            job.Cid,
            new object?[] { marker, null, null, new object?[] { job.Cid }, new object?[] { job.Title, job.Query }, job.Id, new Dictionary<string, object?> { ["70"] = state } },
            job.StartedTurn?.Rid,
        });
    }

    /// <summary>[LEE] jGArJ: [[[[cid,rid],[s,ns],4,title,[snippet],rcid]…], cursor|null].</summary>
    public static RpcResult Reports(RpcContext context, RpcCall call)
    {
        var reports = context.State.Conversations.CompletedResearch(context.Account.PsidHash)
            .Where(j => j.StartedTurn is not null)
            .Select(j => (object?)new object?[]
            {
                new object?[] { j.Cid, j.StartedTurn!.Rid },
                Timestamps.Of(j.CompletedAt ?? context.State.Time.GetUtcNow()),
                4,
                j.Title,
                new object?[] { "Simulated report about " + j.Query },
                j.StartedTurn.Rcid,
            }).ToArray();
        return RpcResult.Ok(new object?[] { reports, null });
    }
}
