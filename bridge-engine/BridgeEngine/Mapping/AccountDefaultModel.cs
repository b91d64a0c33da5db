using BridgeEngine.Client;

namespace BridgeEngine.Mapping;

/// <summary>
/// Unsure (§9, §9.3): a new chat sent without a model header is answered by "the account's default", and Google does
/// not say which model that is. The guess kept here: the first model the account probe (<c>otAQ7b</c> [15]) lists,
/// the order the web app's model picker shows (the simulator answers the same way). A continued conversation keeps
/// its own model, which the gateway does not know, so it is not guessed at all. This is the only place that guesses it.
/// </summary>
internal static class AccountDefaultModel
{
    /// <summary>The friendly name (or id) of the model a new, model-less chat is taken to be answered by; null if none listed.</summary>
    public static string? Guess(GeminiSession session) =>
        session.Models.Count == 0 ? null : session.Models[0].Alias ?? session.Models[0].Id;
}
