namespace Gateway.Compat.Responses;

/// <summary>
/// <c>input</c> once read: instructions from system/developer messages, the turns after the last item the gateway
/// already answered (earlier ones are in the Gemini conversation), the files of those turns, and the conversation the
/// referenced items carry (null when nothing refers to an earlier response).
/// </summary>
internal sealed record ResponsesInput(
    IReadOnlyList<string> Instructions,
    IReadOnlyList<CompatTurn> Turns,
    IReadOnlyList<CompatAttachment> Attachments,
    ResponseReference? Reference);
