namespace Gateway.Pipeline;

/// <summary>
/// Starts a chat stream's response once, whoever needs it first: the first event to show, or the first heartbeat
/// (see <see cref="StreamKeepAlive"/>) when upstream answered but nothing can be shown yet (thoughts a surface hides,
/// an answer buffered for review). Starting means the status and headers, then the surface's opening (OpenAI's role
/// chunk, Anthropic's <c>message_start</c>). An answer whose first shown event comes before any heartbeat is sent
/// exactly as without one.
/// </summary>
internal sealed class StreamOpening
{
    private readonly BridgeCall _call;
    private readonly IChatWireFormat _format;
    private EventStream? _stream;

    public StreamOpening(BridgeCall call, IChatWireFormat format)
    {
        _call = call;
        _format = format;
    }

    /// <summary>The started response, with the surface's opening written.</summary>
    public async ValueTask<EventStream> OpenAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            var stream = await _call.StartStreamAsync(_format.StreamContentType, _format.WriteStreamErrorAsync);
            await _format.WriteStreamStartAsync(stream.Writer, cancellationToken);
            _stream = stream;
        }

        return _stream;
    }

    /// <summary>The surface's heartbeat (an SSE comment, or Anthropic's <c>ping</c>), opening the response first if needed.</summary>
    public async ValueTask BeatAsync(CancellationToken cancellationToken)
    {
        var stream = await OpenAsync(cancellationToken);
        await _format.WriteHeartbeatAsync(stream.Writer, cancellationToken);
    }
}
