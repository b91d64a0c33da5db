using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GeminiSimulator.Answers;

/// <summary>Deterministic answer text and its §5.4 snapshot sequence.</summary>
internal static class AnswerComposer
{
    public const string Rocket = "\U0001F680";

    private static readonly string[] Sentences =
    [
        "The simulator streams this reply in growing snapshots " + Rocket + ".",
        "Each frame repeats the whole text so far, so a client has to compute deltas.",
        "Nothing in this answer comes from a real model.",
        "Lengths are counted in UTF-16 code units, which matters for the emoji above.",
    ];

    public static ComposedAnswer Compose(AnswerRequest request)
    {
        var prompt = request.Prompt;
        var lower = prompt.ToLowerInvariant();

        // The gateway's emulated tool / JSON instructions are played as written (InstructionPlay.cs); nothing is added.
        var played = request.Kind == AnswerKind.Chat ? InstructionPlay.Answer(prompt, request.RawPrompt ?? prompt) : null;
        var chat = request.Kind == AnswerKind.Chat && played is null;
        var generated = chat && (lower.Contains("draw", StringComparison.Ordinal) || lower.Contains("generate an image", StringComparison.Ordinal));
        var web = chat && (lower.Contains("photo", StringComparison.Ordinal) || lower.Contains("picture of", StringComparison.Ordinal));
        var markdown = chat && lower.Contains("markdown", StringComparison.Ordinal);

        var sb = new StringBuilder();
        if (played is not null)
        {
            sb.Append(played);
        }
        else if (request.GemName is not null)
        {
            sb.Append("[gem ").Append(request.GemName).Append("] ");
        }

        switch (request.Kind)
        {
            case AnswerKind.ResearchPlan:
                sb.Append("Here is a research plan for \"").Append(Truncate(prompt, 80)).Append("\". Review the steps and start the research when ready.");
                break;
            case AnswerKind.ResearchStarted:
                sb.Append("Research started. I will browse sources and write a report; this takes a few minutes.");
                break;
            case AnswerKind.Chat when played is not null:
                break;
            default:
                AppendChat(sb, request, prompt);
                break;
        }

        if (generated)
        {
            sb.Append(" Here are your images!");
        }

        var markdownCut = -1;
        if (markdown)
        {
            sb.Append(" Here is a **bold");
            markdownCut = sb.Length;
            sb.Append("** claim.");
        }

        var body = sb.ToString();
        var final = generated
            ? body + "\n\nhttp://googleusercontent.com/image_generation_content/0\n\nhttp://googleusercontent.com/image_generation_content/1\n"
            : body;

        var snapshots = new List<Snapshot>();
        string? thoughts = null;
        if (request.Thinking || request.ExtendedThinking)
        {
            var firstThought = "**Considering the request**\n\nThe user asks: " + Truncate(prompt, 40) + ".";
            thoughts = firstThought + (request.ExtendedThinking
                ? " Thinking longer about edge cases before answering."
                : " A short answer will do.");
            snapshots.Add(new Snapshot(string.Empty, firstThought, false));
            var extra = (PlayDirectives.ThoughtFrames(request.RawPrompt ?? prompt) ?? 2) - 2;
            for (var i = 1; i <= extra; i++)
            {
                snapshots.Add(new Snapshot(string.Empty, firstThought + string.Concat(Enumerable.Repeat(" Still thinking.", i)), false));
            }

            snapshots.Add(new Snapshot(string.Empty, thoughts, false));
        }

        var count = Math.Max(1, request.FrameCount);
        var inProgress = count - 1;
        var limit = markdownCut > 0 ? markdownCut : body.Length;
        for (var i = 0; i < inProgress; i++)
        {
            var isRewriteFrame = markdownCut > 0 && i == inProgress - 1;
            if (isRewriteFrame)
            {
                // §5.4: the server temporarily backslash-escapes Markdown markers, then rewrites them.
                var prefix = body[..markdownCut];
                var escaped = string.Concat(prefix.AsSpan(0, prefix.Length - "**bold".Length), "\\*\\*bold");
                snapshots.Add(new Snapshot(escaped, thoughts, false));
                continue;
            }

            var cut = SafeCut(body, (int)((long)limit * (i + 1) / (markdownCut > 0 ? inProgress : count)));
            snapshots.Add(new Snapshot(body[..cut], thoughts, false));
        }

        snapshots.Add(new Snapshot(final, thoughts, true));
        return new ComposedAnswer(snapshots, generated, web);
    }

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..SafeCut(text, max)];

    private static void AppendChat(StringBuilder sb, AnswerRequest request, string prompt)
    {
        sb.Append("Simulated answer to \"").Append(Truncate(prompt, 80)).Append("\". ");
        if (request.TurnNumber > 1)
        {
            sb.Append("(turn ").Append(request.TurnNumber.ToString(CultureInfo.InvariantCulture)).Append(") ");
        }

        if (request.Files.Count > 0)
        {
            sb.Append("I received ")
              .AppendJoin(", ", request.Files.Select(f => f.Name + " (" + f.Size.ToString(CultureInfo.InvariantCulture) + " bytes)"))
              .Append(". ");
        }

        // Two or three sentences, chosen from the prompt so the answer stays deterministic; the first
        // always carries the non-BMP emoji.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        var extra = 1 + (hash[0] % 2);
        sb.Append(Sentences[0]);
        for (var i = 0; i < extra; i++)
        {
            sb.Append(' ').Append(Sentences[1 + ((hash[1] + i) % (Sentences.Length - 1))]);
        }
    }

    /// <summary>Never split a surrogate pair.</summary>
    private static int SafeCut(string text, int cut)
    {
        cut = Math.Clamp(cut, 0, text.Length);
        if (cut > 0 && cut < text.Length && char.IsHighSurrogate(text[cut - 1]))
        {
            cut++;
        }

        return cut;
    }
}
