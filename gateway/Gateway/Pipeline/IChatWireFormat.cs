using BridgeEngine.Contracts;

namespace Gateway.Pipeline;

/// <summary>
/// What a surface (native, OpenAI, Gemini API, ...) supplies to the one chat pipeline: how its final answer and its
/// stream look. Everything else (allow-list, starting the turn, first event before the status, heartbeats, metrics,
/// failures, shutdown) is <see cref="ChatTurnRunner"/>'s and the dispatch's. One instance serves one request.
/// </summary>
internal interface IChatWireFormat
{
    /// <summary>The complete answer, non-streaming.</summary>
    Task WriteAnswerAsync(BridgeCall call, ChatResult result);

    string StreamContentType { get; }

    /// <summary>False where the stream format has no comments (the Gemini API's JSON array).</summary>
    bool SendsHeartbeats { get; }

    /// <summary>What keeps a silent stream alive: an SSE comment, unless the surface has its own (Anthropic's <c>ping</c>).</summary>
    ValueTask<System.IO.Pipelines.FlushResult> WriteHeartbeatAsync(EventStreamWriter writer, CancellationToken cancellationToken) =>
        writer.WriteHeartbeatAsync(cancellationToken);

    /// <summary>Whether this surface writes the event; <see cref="ChatEvent.Completed"/> is always written.</summary>
    bool Shows(ChatEvent item);

    /// <summary>What the stream starts with before the first event (e.g. OpenAI's role chunk).</summary>
    ValueTask WriteStreamStartAsync(EventStreamWriter writer, CancellationToken cancellationToken);

    /// <summary>One shown event; for <see cref="ChatEvent.Completed"/> also whatever ends the stream.</summary>
    ValueTask WriteStreamEventAsync(EventStreamWriter writer, ChatEvent item, CancellationToken cancellationToken);

    /// <summary>The failure after the status was sent; the stream ends right after.</summary>
    ValueTask WriteStreamErrorAsync(EventStreamWriter writer, BridgeFailure failure);
}
