using GeminiSimulator.Answers;
using GeminiSimulator.Conversations;

namespace GeminiSimulator.Rpcs;

/// <summary>§12: a started research answers "running" <see cref="RunningPolls"/> times, then completes.</summary>
internal static class ResearchProgress
{
    public const int RunningPolls = 2;

    public static void Poll(RpcContext context, ResearchJob job)
    {
        lock (job)
        {
            if (job.State != ResearchState.Running)
            {
                return;
            }

            job.Polls++;
            if (job.Polls <= RunningPolls)
            {
                return;
            }

            job.State = ResearchState.Done;
            job.CompletedAt = context.State.Time.GetUtcNow();
            if (job.StartedTurn is { } turn)
            {
                // §12: the report at candidate [30][0][4] and at [1][0], so both parsers find it.
                turn.Candidate = ReplyShapes.PositionalCandidate(
                    turn.Rcid, ResearchShapes.Report(job), null, true, null, ResearchShapes.ReportBlock(job, context.BaseAddress));
            }

            if (context.State.Conversations.Find(job.Cid) is { } conversation)
            {
                conversation.UpdatedAt = job.CompletedAt.Value;
            }
        }
    }
}
