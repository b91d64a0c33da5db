using System.Text.RegularExpressions;

namespace GeminiSimulator.Answers;

/// <summary>
/// <c>[sim:tools=...]</c> and <c>[sim:json=...]</c>: how the simulated model plays the gateway's tool and JSON
/// instructions (read from the raw prompt, before <see cref="PromptDirectives"/> removes every directive).
/// </summary>
internal static partial class PlayDirectives
{
    /// <summary>The mode of <c>[sim:tools=MODE]</c> / <c>[sim:json=MODE]</c> (lower-case), or null.</summary>
    public static (string? Tools, string? Json) Parse(string rawPrompt)
    {
        string? tools = null, json = null;
        foreach (Match m in DirectiveRegex().Matches(rawPrompt))
        {
            var value = m.Groups[2].Value.Trim().ToLowerInvariant();
            if (m.Groups[1].Value.Equals("tools", StringComparison.OrdinalIgnoreCase))
            {
                tools = value;
            }
            else
            {
                json = value;
            }
        }

        return (tools, json);
    }

    /// <summary>
    /// <c>[sim:thoughts=N]</c>: a thinking model's thoughts grow over N snapshots (1..200) before any text, so a
    /// surface that hides thoughts sees a long phase in which upstream keeps sending and the client hears nothing.
    /// </summary>
    public static int? ThoughtFrames(string rawPrompt) =>
        ThoughtsRegex().Match(rawPrompt) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, 200)
            : null;

    [GeneratedRegex(@"\[sim:(tools|json)=([^\]]*)\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DirectiveRegex();

    [GeneratedRegex(@"\[sim:thoughts=([0-9]{1,4})\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ThoughtsRegex();
}
