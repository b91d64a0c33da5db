using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Mapping;
using BridgeEngine.Parsing;

namespace BridgeEngine.Client;

/// <summary>
/// An open StreamGenerate answer. Upstream accepted the request (status 200, headers read); the body is
/// parsed frame by frame as it arrives and turned into <see cref="ChatEvent"/>s. Dispose it to release the
/// upstream connection.
/// </summary>
public sealed class ChatTurn : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly UpstreamTimeouts _timeouts;
    private readonly ConversationRef? _previous;
    private readonly string? _model;

    internal ChatTurn(HttpResponseMessage response, UpstreamTimeouts timeouts, UpstreamCall call, ConversationRef? previous, string? model)
    {
        _response = response;
        _timeouts = timeouts;
        Call = call;
        _previous = previous;
        _model = model;
    }

    public UpstreamCall Call { get; }

    /// <summary>Frames parsed so far (for telemetry and tests).</summary>
    public int FramesRead { get; private set; }

    /// <summary>
    /// Yields the answer's events. Cancellation comes from the token given when the chat started (the
    /// caller's request) and from the timeouts; <paramref name="cancellationToken"/> only stops enumeration.
    /// </summary>
    public async IAsyncEnumerable<ChatEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var assembler = new AnswerAssembler(_previous);
        var events = new List<ChatEvent>(4);
        var envelopes = new List<WrbEnvelope>(2);
        var stream = await _response.Content.ReadAsStreamAsync(_timeouts.Token).ConfigureAwait(false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        await using var frames = ResponseFrameReader.ReadAsync(reader, _timeouts.ResetIdle, _timeouts.Token).GetAsyncEnumerator(_timeouts.Token);
        try
        {
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
                    throw new BridgeException(BridgeErrorCode.ApiError, "The connection to Gemini dropped before the answer completed.", null, ex);
                }
                catch (Exception ex) when (ex is OperationCanceledException or BridgeException)
                {
                    throw _timeouts.Translate(ex);
                }

                FramesRead++;
                using (frame)
                {
                    events.Clear();
                    Apply(frame.RootElement, assembler, envelopes, events);
                }

                foreach (var item in events)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        events.Clear();
        assembler.CompleteAtEnd(events);
        foreach (var item in events)
        {
            yield return item;
        }

        if (!assembler.IsComplete)
        {
            throw assembler.HasAnswer
                ? new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the answer before it completed.")
                : new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
        }

        yield return new ChatEvent.Completed(assembler.BuildResult(_model));
    }

    private static void Apply(JsonElement frame, AnswerAssembler assembler, List<WrbEnvelope> envelopes, List<ChatEvent> events)
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

                throw UpstreamErrorMapper.FromBardError(error);
            }

            if (!envelope.HasPayload)
            {
                // §2.4/§5.4: code 7 with no answer is a rejection (usually expired cookies); other
                // non-error status lists mean "queued" in [GWA].
                if (envelope.RejectCode == 7 && !assembler.HasAnswer)
                {
                    throw new BridgeException(BridgeErrorCode.GeminiAuthError, "Gemini rejected the request (code 7): the cookies are probably expired.") { UpstreamCode = 7 };
                }

                continue;
            }

            using var inner = PayloadDocument.Parse(envelope.PayloadElement);
            assembler.Apply(ReplySnapshotParser.Parse(inner.Root), events);
        }
    }

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        _timeouts.Dispose();
        return ValueTask.CompletedTask;
    }
}
