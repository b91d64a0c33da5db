using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Mapping;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Protocol §5.4.1 (stateless form): reads a turn back through <c>hNvQHb</c> after its stream ended without the
/// completion mark. First poll after ~2 s, then every 10 s, each preceded by the <c>ESY5D</c> warm-up, inside the
/// turn's deadline; the newest model turn counts only when its rcid differs from the one the request continued.
/// </summary>
internal static class TurnRecovery
{
    /// <summary>[GWA] <c>chat_mixin.py:121-131</c>: <c>[cid, 10, null, 1, [1], [4], null, 1]</c>, source-path /app.</summary>
    public static string ReadPayload(string cid) =>
        "[" + System.Text.Json.JsonSerializer.Serialize(cid, EngineJsonContext.Default.String) + ",10,null,1,[1],[4],null,1]";

    /// <summary>True when a finished (or stopped) turn extended the streamed text and was applied; false when polls ran out.</summary>
    public static async Task<bool> PollAsync(
        GeminiWebClient client, UpstreamCall call, GeminiSession session, string cid, string? previousChoiceId,
        AnswerAssembler assembler, int maxPolls, UpstreamTimeouts timeouts, List<ChatEvent> events)
    {
        var recovery = client.Transport.Options.Recovery;
        var delay = recovery.FirstPoll;
        for (var poll = 0; poll < maxPolls; poll++)
        {
            try
            {
                await timeouts.DelayAsync(delay).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!timeouts.CallerCancelled)
            {
                throw new BridgeException(BridgeErrorCode.Timeout, "Gemini did not finish the answer within the total time budget (recovery polls ran out of time).");
            }

            delay = recovery.PollInterval;
            var turn = await ReadAsync(client, call, session, cid, previousChoiceId, timeouts.Deadline).ConfigureAwait(false);
            if (turn is { State: RecoveredTurnState.Ready, Candidate: { } candidate })
            {
                if (!assembler.ApplyRecovered(turn.ResponseId, candidate, events))
                {
                    throw new BridgeException(BridgeErrorCode.ApiError, "Gemini's saved answer does not continue the text already streamed; the answer is incomplete.");
                }

                return true;
            }
        }

        return false;
    }

    private static async Task<RecoveredTurn> ReadAsync(GeminiWebClient client, UpstreamCall call, GeminiSession session, string cid, string? previousChoiceId, CancellationToken cancellationToken)
    {
        await client.WarmUpAsync(call, session, cancellationToken).ConfigureAwait(false);
        try
        {
            var results = await client.Batch.ExecuteAsync(session, call, [new BatchCall(RpcIds.ReadChat, ReadPayload(cid))], "/app", cancellationToken).ConfigureAwait(false);
            using var reply = results[0];
            return reply is null ? new RecoveredTurn(RecoveredTurnState.NotYet, null, null) : RecoveredTurnParser.Parse(reply.RootElement, previousChoiceId);
        }
        catch (BridgeException ex) when (ex.Code is BridgeErrorCode.ApiError)
        {
            // One failed poll is not the end of the turn; the next one may answer.
            return new RecoveredTurn(RecoveredTurnState.NotYet, null, null);
        }
    }
}
