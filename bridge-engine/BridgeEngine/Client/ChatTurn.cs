using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Diagnostics;
using BridgeEngine.Errors;
using BridgeEngine.Mapping;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;
using Microsoft.Extensions.Logging;

namespace BridgeEngine.Client;

/// <summary>
/// An open StreamGenerate answer. Upstream accepted the request (status 200, headers read); the body is parsed
/// frame by frame as it arrives and turned into <see cref="ChatEvent"/>s. A body that ends before its completion
/// mark is recovered through hNvQHb (protocol §5.4.1); a failure before the server could have produced anything
/// is resent at most twice (§5.4.2). Dispose it to release the upstream connection.
/// </summary>
public sealed partial class ChatTurn : IAsyncDisposable
{
    private readonly GeminiWebClient? _client;
    private readonly UpstreamTimeouts _timeouts;
    private readonly ChatRequest _request;
    private readonly GeminiModel? _model;
    private GeminiSession _session;
    private HttpResponseMessage? _response;
    private int _resends;

    internal ChatTurn(GeminiWebClient client, UpstreamTimeouts timeouts, UpstreamCall call, ChatRequest request, GeminiModel? model, GeminiSession session)
    {
        _client = client;
        _timeouts = timeouts;
        Call = call;
        _request = request;
        _model = model;
        _session = session;
    }

    /// <summary>A turn over a body that is already open, with no session to recover or resend through (tests, benchmarks).</summary>
    internal ChatTurn(HttpResponseMessage response, UpstreamTimeouts timeouts, UpstreamCall call, ConversationRef? previous, GeminiModel? model)
    {
        _response = response;
        _timeouts = timeouts;
        Call = call;
        _request = new ChatRequest { Prompt = "(open body)", Conversation = previous, Model = model?.Id };
        _model = model;
        _session = new GeminiSession(new PageValues(null, null, null, null, null), 1000, [], FromCache: false);
    }

    public UpstreamCall Call { get; }

    private ILogger Logger => _client?.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private Exception Observe(Exception exception) => _client?.Blocks.Observe(exception, Call) ?? exception;

    /// <summary>Frames parsed so far (for telemetry and tests).</summary>
    public int FramesRead { get; private set; }

    /// <summary>Frames that could not be read and were skipped (§2.4.1: counted, never fatal by themselves).</summary>
    public int BadFrames { get; private set; }

    /// <summary>StreamGenerate requests this turn sent beyond the first (§5.4.2).</summary>
    public int Resends => _resends;

    private RecoveryOptions Recovery => _client?.Transport.Options.Recovery ?? NoRecovery;

    private static readonly RecoveryOptions NoRecovery = new() { MaxResends = 0, MaxPollsWithoutContext = 0 };

    /// <summary>Sends the generate until it is accepted; 5xx and unreachable before any byte are resent when safe (§5.4.2).</summary>
    internal async Task OpenAsync()
    {
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await _client!.SendGenerateAsync(Call, _request, _model, _session, _timeouts, s => _session = s).ConfigureAwait(false);
            }
            catch (BridgeException ex) when (ex.InnerException is HttpRequestException && _resends < Recovery.MaxResends)
            {
                // §5.4.2: reset before the first byte.
                if (await TryWaitForResendAsync("unreachable").ConfigureAwait(false))
                {
                    continue;
                }

                throw;
            }

            if ((int)response.StatusCode >= 500 && await TryWaitForResendAsync("HTTP " + (int)response.StatusCode).ConfigureAwait(false))
            {
                response.Dispose();
                continue;
            }

            try
            {
                GeminiTransport.EnsureSuccess(response, "StreamGenerate");
            }
            catch
            {
                response.Dispose();
                throw;
            }

            _response = response;
            return;
        }
    }

    /// <summary>
    /// Yields the answer's events. Cancellation comes from the token given when the chat started (the
    /// caller's request) and from the timeouts; <paramref name="cancellationToken"/> only stops enumeration.
    /// </summary>
    public async IAsyncEnumerable<ChatEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var assembler = new AnswerAssembler(_request.Conversation);
        var events = new List<ChatEvent>(4);
        var envelopes = new List<WrbEnvelope>(2);
        var signals = new StreamSignals();
        var forwarded = false;
        Exception? trigger = null;
        while (true)
        {
            Exception? failure = null;
            var stream = await _response!.Content.ReadAsStreamAsync(_timeouts.Token).ConfigureAwait(false);
            // The pipe's default 4 KB segments: the reader holds one rented segment for as long as upstream is silent,
            // so its size is paid by every open stream (16 KB here was a third of an idle stream's memory); frames
            // larger than a segment are read across segments.
            var reader = PipeReader.Create(stream);
            var stats = new FrameReadStats();
            try
            {
                await using var frames = ResponseFrameReader.ReadAsync(reader, _timeouts.ResetIdle, _timeouts.Token, stats).GetAsyncEnumerator(_timeouts.Token);
                while (true)
                {
                    JsonDocument frame;
                    try
                    {
                        if (!await frames.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        frame = frames.Current;
                    }
                    catch (Exception) when (assembler.IsComplete && !_timeouts.CallerCancelled && !cancellationToken.IsCancellationRequested)
                    {
                        // §5.4: once the answer is complete, a late drop, stall or broken trailer does not undo it.
                        break;
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        failure = new BridgeException(BridgeErrorCode.ApiError, "The connection to Gemini dropped before the answer completed.", null, ex);
                        signals.Dropped = true;
                        break;
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or BridgeException)
                    {
                        failure = _timeouts.Translate(ex);
                        break;
                    }

                    FramesRead++;
                    events.Clear();
                    try
                    {
                        using (frame)
                        {
                            Apply(frame.RootElement, assembler, envelopes, events, signals, _request.Conversation is not null);
                        }
                    }
                    catch (BridgeException ex)
                    {
                        failure = ex;
                    }

                    foreach (var item in events)
                    {
                        forwarded = true;
                        yield return item;
                    }

                    if (failure is not null)
                    {
                        break;
                    }
                }
            }
            finally
            {
                BadFrames += stats.BadFrames;
                await reader.CompleteAsync().ConfigureAwait(false);
            }

            if (failure is null)
            {
                events.Clear();
                assembler.CompleteAtEnd(events);
                foreach (var item in events)
                {
                    forwarded = true;
                    yield return item;
                }

                // §5.4.1 step 4: the body ended with nothing saved and nothing sent: a resend is safe (§5.4.2).
                if (!assembler.IsComplete && SafeToResend(assembler, signals, forwarded) && await TryWaitForResendAsync("no answer").ConfigureAwait(false))
                {
                    await ReopenAsync().ConfigureAwait(false);
                    continue;
                }

                break;
            }

            if (assembler.IsComplete)
            {
                break;
            }

            // §5.4.2: only while nothing of an answer exists anywhere; 1013 and a drop before any frame qualify.
            var resendable = failure is BridgeException { Transient: true } || (signals.Dropped && FramesRead == 0);
            if (resendable && SafeToResend(assembler, signals, forwarded) && await TryWaitForResendAsync(failure.Message).ConfigureAwait(false))
            {
                await ReopenAsync().ConfigureAwait(false);
                continue;
            }

            // §5.4.1: a stall or a drop after the cid arrived is recovered like a body that just ended.
            var recoverable = (failure is BridgeException { Code: BridgeErrorCode.Timeout } && _timeouts.IdleFired) || signals.Dropped;
            if (recoverable && assembler.ConversationId is not null)
            {
                trigger = failure;
                break;
            }

            throw Observe(failure);
        }

        if (!assembler.IsComplete)
        {
            events.Clear();
            await RecoverOrFailAsync(assembler, signals, trigger, events).ConfigureAwait(false);
            foreach (var item in events)
            {
                yield return item;
            }
        }

        if (BadFrames > 0)
        {
            Log.BadFrames(Logger, BadFrames);
        }

        if (_client is not null)
        {
            await FullSizeImages.LookUpAsync(_client, Call, _session, assembler, _timeouts).ConfigureAwait(false);
        }

        yield return new ChatEvent.Completed(BuildResult(assembler));
    }

    private ChatResult BuildResult(AnswerAssembler assembler)
    {
        var requested = _model?.Alias ?? _model?.Id;
        var result = assembler.BuildResult(requested);
        var (answered, downgraded) = DowngradeDetector.Detect(_model, result);
        if (downgraded)
        {
            Log.Downgraded(Logger, requested ?? "(default)", answered ?? "(unknown)");
        }

        // No model named: a new chat is answered by the account's default (a guess, see AccountDefaultModel).
        var model = answered ?? requested ?? (_request.Conversation is null ? AccountDefaultModel.Guess(_session) : null);
        return result with { Model = model, RequestedModel = _request.Model is null ? null : requested, Downgraded = downgraded };
    }

    /// <summary>§5.4.1 steps 2-4 after the body ended (or stalled) without its completion mark.</summary>
    /// <param name="trigger">The stall or drop that ended the body early, if any: what the caller hears when recovery fails.</param>
    private async Task RecoverOrFailAsync(AnswerAssembler assembler, StreamSignals signals, Exception? trigger, List<ChatEvent> events)
    {
        if (assembler.ConversationId is { } cid)
        {
            // Step 2 (context seen: the turn is saved) polls until the deadline; step 3 (no context) once or twice.
            var maxPolls = assembler.HasContext ? int.MaxValue : Recovery.MaxPollsWithoutContext;
            if (maxPolls > 0 && _client is not null)
            {
                Log.Recovering(Logger, assembler.HasContext);
                if (await TurnRecovery.PollAsync(_client, Call, _session, cid, _request.Conversation?.ChoiceId, assembler, maxPolls, _timeouts, events).ConfigureAwait(false))
                {
                    Log.Recovered(Logger);
                    return;
                }
            }

            throw trigger is not null ? Observe(trigger) : new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the answer before it completed, and the saved turn could not be read back.");
        }

        if (signals.QueueCode is { } queued && !assembler.HasAnswer)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, $"Gemini kept the request queued (status {queued}) and sent no answer.") { UpstreamCode = queued };
        }

        throw assembler.HasAnswer
            ? new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the answer before it completed.")
            : new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
    }

    private async Task ReopenAsync()
    {
        _response?.Dispose();
        _response = null;
        await OpenAsync().ConfigureAwait(false);
    }

    /// <summary>§5.4.2: the server cannot have produced an answer yet, and the caller has seen nothing.</summary>
    private static bool SafeToResend(AnswerAssembler assembler, StreamSignals signals, bool forwarded) =>
        !forwarded && assembler.ConversationId is null && !assembler.HasCandidate && !assembler.HasContext && !signals.SawResponseId && signals.QueueCode is null;

    /// <summary>Waits 5 s, then 10 s (configurable) inside the deadline; false when no resend is left or the deadline comes first.</summary>
    private async Task<bool> TryWaitForResendAsync(string reason)
    {
        if (_resends >= Recovery.MaxResends)
        {
            return false;
        }

        _resends++;
        var delay = Recovery.ResendDelay * _resends;
        Log.Resending(Logger, _resends, reason, delay.TotalSeconds);
        return await _timeouts.DelayAsync(delay).ConfigureAwait(false);
    }

    private static void Apply(JsonElement frame, AnswerAssembler assembler, List<WrbEnvelope> envelopes, List<ChatEvent> events, StreamSignals signals, bool continuing)
    {
        envelopes.Clear();
        EnvelopeReader.Collect(frame, envelopes, materializePayloads: false);
        foreach (var envelope in envelopes)
        {
            if (envelope.ErrorNumber is int error)
            {
                // §5.4: an error after a complete answer (e.g. 1096) is logged upstream-side and ignored.
                if (assembler.IsComplete)
                {
                    continue;
                }

                throw UpstreamErrorMapper.FromBardError(error, streamGenerate: true, continuing);
            }

            if (!envelope.HasPayload)
            {
                // §2.4/§5.4: code 7 with no answer is a rejection (usually expired cookies); other non-error
                // status lists ([5]=[2], [4]) mean "queued" in [GWA] (§5.4.1): no resend after one.
                if (envelope.RejectCode == 7 && !assembler.HasAnswer)
                {
                    throw new BridgeException(BridgeErrorCode.GeminiAuthError, "Gemini rejected the request (code 7): the cookies are probably expired.") { UpstreamCode = 7 };
                }

                if (envelope.RejectCode is int queued)
                {
                    signals.QueueCode = queued;
                }

                continue;
            }

            using var inner = PayloadDocument.Parse(envelope.PayloadElement);
            var snapshot = ReplySnapshotParser.Parse(inner.Root);
            signals.SawResponseId |= snapshot.ResponseId is not null;
            assembler.Apply(snapshot, events);
        }
    }

    public ValueTask DisposeAsync()
    {
        _response?.Dispose();
        _timeouts.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>What the body said besides the answer itself.</summary>
    private sealed class StreamSignals
    {
        public int? QueueCode { get; set; }

        public bool SawResponseId { get; set; }

        public bool Dropped { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ChatTurnResending, LogLevel.Information, "StreamGenerate resend {Attempt} ({Reason}) in {DelaySeconds} s: nothing of an answer existed yet (protocol §5.4.2)")]
        public static partial void Resending(ILogger logger, int attempt, string reason, double delaySeconds);

        [LoggerMessage(LogEventIds.ChatTurnRecovering, LogLevel.Information, "StreamGenerate ended without its completion mark; reading the turn back through hNvQHb (context seen {HasContext})")]
        public static partial void Recovering(ILogger logger, bool hasContext);

        [LoggerMessage(LogEventIds.ChatTurnRecovered, LogLevel.Information, "The incomplete answer was recovered through hNvQHb")]
        public static partial void Recovered(ILogger logger);

        [LoggerMessage(LogEventIds.ChatTurnDowngraded, LogLevel.Warning, "Gemini silently answered {Requested} with {Answered} (protocol §9.1)")]
        public static partial void Downgraded(ILogger logger, string requested, string answered);

        [LoggerMessage(LogEventIds.ChatTurnBadFrames, LogLevel.Information, "{Count} unreadable frames were skipped (protocol §2.4.1)")]
        public static partial void BadFrames(ILogger logger, int count);
    }
}
