using System.Text;
using Gateway.Compat.Tools;

namespace Gateway.Compat;

/// <summary>
/// Turns a stateless message list into the one prompt a Gemini web turn takes. The compatible APIs are stateless:
/// every request carries the whole conversation, so the gateway replays it as context in a fresh (temporary) chat
/// instead of guessing which stored Gemini conversation it belongs to. A lone user message is sent as it is; with
/// instructions or earlier turns the prompt is a labelled transcript ending with the latest user message. Earlier tool
/// calls are replayed in the emulation's own format (<see cref="ToolPrompt.Block"/>) and tool results as labelled
/// entries; the emulation's sections (tool catalogue, answer format) come last, where a model heeds them most.
/// </summary>
internal static class PromptComposer
{
    public const string InstructionsHeading = "System instructions (follow them throughout the conversation):";
    public const string HistoryHeading = "Conversation so far:";
    public const string LatestHeading = "Reply to the latest user message:";
    public const string LatestToolResultsHeading = "Results of your latest tool calls (use them to answer, or call more tools):";
    public const string ToolResultLabel = "Tool result";

    public static string Compose(IReadOnlyList<string> instructions, IReadOnlyList<CompatTurn> turns) =>
        Compose(instructions, turns, []);

    /// <param name="sections">Extra instructions appended after the latest message (null entries skipped).</param>
    public static string Compose(IReadOnlyList<string> instructions, IReadOnlyList<CompatTurn> turns, IReadOnlyList<string?> sections)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(sections);

        // The latest message may span several trailing user turns (clients sometimes split one message), and tool
        // results the client sends back for the model's last calls.
        var latestStart = turns.Count;
        while (latestStart > 0 && turns[latestStart - 1].Role is CompatRole.User or CompatRole.Tool)
        {
            latestStart--;
        }

        var latestTurns = turns.Skip(latestStart).ToList();
        var hasToolResults = latestTurns.Any(t => t.Role == CompatRole.Tool);
        var latest = string.Join("\n\n", latestTurns.Select(Latest).Where(t => t.Length > 0));
        var extra = sections.Where(s => !string.IsNullOrEmpty(s)).ToList();
        if (instructions.Count == 0 && latestStart == 0 && extra.Count == 0 && !hasToolResults)
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
                prompt.Append(History(turns[i])).Append("\n\n");
            }
        }

        prompt.Append(hasToolResults ? LatestToolResultsHeading : LatestHeading).Append("\n\n").Append(latest);
        foreach (var section in extra)
        {
            prompt.Append("\n\n").Append(section);
        }

        return prompt.ToString();
    }

    private static string History(CompatTurn turn) => turn.Role switch
    {
        CompatRole.User => "User: " + turn.Text,
        CompatRole.Tool => ToolResult(turn),
        _ => "Assistant: " + string.Join("\n", new[] { turn.Text }.Concat(turn.ToolCalls.Select(ToolPrompt.Block)).Where(t => t.Length > 0)),
    };

    private static string Latest(CompatTurn turn) => turn.Role == CompatRole.Tool ? ToolResult(turn) : turn.Text;

    private static string ToolResult(CompatTurn turn)
    {
        var result = turn.ToolResult;
        if (result is null)
        {
            return ToolResultLabel + ": " + turn.Text;
        }

        return ToolResultLabel + " (" + (result.Name ?? "unknown tool") + ", call " + result.CallId + (result.IsError ? ", failed" : string.Empty) + "): " + result.Content;
    }
}
