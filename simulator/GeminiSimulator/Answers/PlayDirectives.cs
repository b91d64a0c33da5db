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

    [GeneratedRegex(@"\[sim:(tools|json)=([^\]]*)\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DirectiveRegex();
}
