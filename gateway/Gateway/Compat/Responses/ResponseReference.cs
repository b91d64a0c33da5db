using BridgeEngine.Contracts;

namespace Gateway.Compat.Responses;

/// <summary>
/// What a response id (and each of its output item ids) carries: the Gemini conversation reference to continue from,
/// and the names of the function calls the response made (<c>function_call_output</c> items name only the call id).
/// </summary>
internal sealed record ResponseReference(ConversationRef Conversation, IReadOnlyDictionary<string, string> CallNames)
{
    public static ResponseReference Of(ConversationRef conversation) => new(conversation, new Dictionary<string, string>(StringComparer.Ordinal));
}
