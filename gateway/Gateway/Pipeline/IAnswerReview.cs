using BridgeEngine.Contracts;

namespace Gateway.Pipeline;

/// <summary>
/// A step after the whole answer is in, for surfaces that must see all of it before they can answer (emulated tool
/// calls, structured output): it accepts the answer (possibly rewritten, e.g. the calls taken out of the text) or asks
/// for one more turn, typically continuing the same conversation (<see cref="ChatRequest.Conversation"/> =
/// <see cref="ChatResult.Conversation"/>). A review that cannot accept after its own limit throws the failure.
/// With a review, a stream is buffered: nothing of the answer is sent until it is accepted, then it is written as
/// events; meanwhile only heartbeats keep the connection (<see cref="BufferedStreamOpening"/>).
/// </summary>
internal interface IAnswerReview
{
    /// <param name="request">The request that produced <paramref name="result"/>.</param>
    /// <param name="turns">How many turns ran so far for this request, this one included (1 for the first answer).</param>
    AnswerVerdict Review(ChatRequest request, ChatResult result, int turns);
}
