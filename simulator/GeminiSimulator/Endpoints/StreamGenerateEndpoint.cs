using GeminiSimulator.Answers;
using GeminiSimulator.Conversations;
using GeminiSimulator.Generate;
using GeminiSimulator.Wire;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>§5 POST …/StreamGenerate: validates, then streams §5.4 snapshots with the planned faults.</summary>
internal static class StreamGenerateEndpoint
{
    public static async Task HandleAsync(SimRequest request, CancellationToken serverStopping)
    {
        request.State.StreamOpened();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, serverStopping);
        GeneratePlan? plan = null;
        var outcome = GenerateOutcome.Errored;
        try
        {
            outcome = await RunAsync(request, p => plan = p, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            outcome = GenerateOutcome.ClientAborted;
        }
        catch (IOException) when (request.Aborted.IsCancellationRequested)
        {
            outcome = GenerateOutcome.ClientAborted;
        }
        finally
        {
            request.State.StreamClosed();
            plan?.Fault.Finished?.TrySetResult(outcome);
        }
    }

    private static async Task<GenerateOutcome> RunAsync(SimRequest request, Action<GeneratePlan> planSeen, CancellationToken ct)
    {
        var account = await request.RequireAccountAsync();
        if (account is null)
        {
            return GenerateOutcome.Errored;
        }

        var freq = await RpcPreconditions.CheckAsync(request, account, isGenerate: true);
        if (freq is null)
        {
            return GenerateOutcome.Errored;
        }

        var parsed = GenerateRequest.Parse(freq);
        if (parsed is null)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return GenerateOutcome.Errored;
        }

        var options = request.State.Options;
        var time = request.State.Time;
        var (directive, frames, prompt) = PromptDirectives.Parse(parsed.Prompt);
        var plan = GeneratePlan.Merge(account.TakeGenerateFault(), directive, frames, options);
        planSeen(plan);

        if (plan.Fault.FirstFrameDelay > TimeSpan.Zero)
        {
            await Task.Delay(plan.Fault.FirstFrameDelay, time, ct);
        }

        var context = request.Context;
        if (plan.Fault.HttpStatus is { } httpStatus)
        {
            await Responses.ErrorPageAsync(context, httpStatus);
            return GenerateOutcome.Errored;
        }

        if (plan.Fault.BlockPage)
        {
            Responses.RedirectToSorry(context, request.BaseAddress);
            return GenerateOutcome.Errored;
        }

        var header = ModelHeader.Parse(context.Request.Headers[ModelHeader.Name].ToString());
        var turn = TurnResolver.Resolve(account, request.State.Conversations, parsed, header, prompt);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var writer = new FrameWriter(context.Response, ct) { Variant = plan.Fault.Framing };
        if (!plan.Fault.MissingXssiPrefix)
        {
            await writer.WritePrefixAsync();
        }

        // §5.4.1: queueing envelopes before anything else.
        for (var q = 0; q < plan.Fault.QueueFrames; q++)
        {
            await writer.WriteFrameAsync(new object?[] { Envelope.Queued() });
        }

        // §15: application errors arrive inside HTTP 200, possibly as the only payload.
        var onlyError = turn.ErrorCode ?? (plan.Fault.ErrorCode is { } e && plan.Fault.ErrorAfterFrames <= 0 && !plan.Fault.ErrorAfterMetadata ? e : null);
        if (onlyError is { } code)
        {
            await writer.WriteFrameAsync(new object?[] { Envelope.Error(null, code) });
            await writer.WriteTrailerAsync();
            return GenerateOutcome.Errored;
        }

        var session = new GenerateSession(request, account, parsed, turn, prompt, plan);
        return await StreamAsync(session, writer, plan, ct);
    }

    private static async Task<GenerateOutcome> StreamAsync(GenerateSession session, FrameWriter writer, GeneratePlan plan, CancellationToken ct)
    {
        var time = session.Request.State.Time;
        var snapshots = session.Answer.Snapshots;

        // Counts beyond the answer length mean "after the complete answer".
        int? errorAt = plan.Fault.ErrorCode is null ? null : Math.Min(plan.Fault.ErrorAfterFrames, snapshots.Count);
        int? dropAt = plan.Fault.DropAfterFrames is { } d ? Math.Clamp(d, 0, snapshots.Count) : null;
        int? stallAt = plan.Fault.StallAfterFrames is { } s ? Math.Clamp(s, 0, snapshots.Count) : null;
        await writer.WriteFrameAsync(new object?[] { Envelope.Stream(ReplyShapes.MetadataOnly(session.Cid, session.Rid)) });
        if (plan.Fault.ErrorAfterMetadata && plan.Fault.ErrorCode is { } early)
        {
            // §5.4.2: the server assigned a cid; resending now would start a second conversation.
            await writer.WriteFrameAsync(new object?[] { Envelope.Error(null, early) });
            await writer.WriteTrailerAsync();
            return GenerateOutcome.Errored;
        }

        for (var i = 0; i <= snapshots.Count; i++)
        {
            if (errorAt == i && plan.Fault.ErrorCode is { } code)
            {
                // §5.4 / §15 row 16: an error after N snapshots (1096 after a complete answer).
                await writer.WriteFrameAsync(new object?[] { Envelope.Error(null, code) });
                await writer.WriteTrailerAsync();
                return GenerateOutcome.Errored;
            }

            if (dropAt == i)
            {
                session.Request.Context.Abort();
                return GenerateOutcome.Dropped;
            }

            if (stallAt == i)
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
                }
                catch (OperationCanceledException)
                {
                    // The client (or the server shutting down) ended the stall.
                }

                return GenerateOutcome.Stalled;
            }

            if (i == snapshots.Count)
            {
                break;
            }

            if (plan.Fault.MalformedFrame)
            {
                await writer.WriteJsonFrameAsync("[[\"wrb.fr\",null,\"[nul");
                return GenerateOutcome.Errored;
            }

            var snapshot = snapshots[i];
            if (plan.Fault.IncompleteWithContext && snapshot.Final)
            {
                // §16.8: the turn is saved (inner[25] sent) but the body ends without c[8]=[2].
                var last = i > 0 ? snapshots[i - 1] : snapshot with { Text = string.Empty };
                await writer.WriteFrameAsync(new object?[] { Envelope.Stream(session.IncompleteInner(last)) });
                session.Save(plan.Fault.HiddenReads);
                await writer.WriteTrailerAsync();
                return GenerateOutcome.Errored;
            }

            if (plan.Fault.TruncatedStream && snapshot.Final)
            {
                // §5.4: the body ends without c[8]=[2] and without inner[25].
                await writer.WriteTrailerAsync();
                return GenerateOutcome.Errored;
            }

            if (plan.InterFrameDelay > TimeSpan.Zero)
            {
                await Task.Delay(plan.InterFrameDelay, time, ct);
            }

            if (plan.Fault.BeforeFrame is { } gate)
            {
                await gate(i, ct);
            }

            await writer.WriteFrameAsync(new object?[] { Envelope.Stream(session.Inner(snapshot)) });
            if (snapshot.Final)
            {
                session.Save();
            }
        }

        await writer.WriteTrailerAsync();
        return plan.Fault.ErrorCode is null ? GenerateOutcome.Completed : GenerateOutcome.Errored;
    }
}
