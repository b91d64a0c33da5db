using System.Text;

namespace Gateway.Compat;

/// <summary>
/// Turns a stateless message list into the one prompt a Gemini web turn takes. The compatible APIs are stateless:
/// every request carries the whole conversation, so the gateway replays it as context in a fresh (temporary) chat
/// instead of guessing which stored Gemini conversation it belongs to. A lone user message is sent as it is; with
/// instructions or earlier turns the prompt is a labelled transcript ending with the latest user message.
/// </summary>
internal static class PromptComposer
{
    public const string InstructionsHeading = "System instructions (follow them throughout the conversation):";
    public const string HistoryHeading = "Conversation so far:";
    public const string LatestHeading = "Reply to the latest user message:";

    public static string Compose(IReadOnlyList<string> instructions, IReadOnlyList<CompatTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        ArgumentNullException.ThrowIfNull(turns);

        // The latest user message may span several trailing user turns (clients sometimes split one message).
        var latestStart = turns.Count;
        while (latestStart > 0 && turns[latestStart - 1].Role == CompatRole.User)
        {
            latestStart--;
        }

        var latest = string.Join("\n\n", turns.Skip(latestStart).Select(t => t.Text).Where(t => t.Length > 0));
        if (instructions.Count == 0 && latestStart == 0)
        {
            return latest;
        }

        var prompt = new StringBuilder();
        if (instructions.Count > 0)
        {
            prompt.Append(InstructionsHeading).Append("\n\n");
            prompt.AppendJoin("\n\n", instructions).Append("\n\n");
        }

        if (latestStart > 0)
        {
            prompt.Append(HistoryHeading).Append("\n\n");
            for (var i = 0; i < latestStart; i++)
            {
                prompt.Append(turns[i].Role == CompatRole.User ? "User: " : "Assistant: ").Append(turns[i].Text).Append("\n\n");
            }
        }

        prompt.Append(LatestHeading).Append("\n\n").Append(latest);
        return prompt.ToString();
    }
}
