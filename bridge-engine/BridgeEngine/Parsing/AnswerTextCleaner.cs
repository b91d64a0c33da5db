using System.Net;
using System.Text.RegularExpressions;

namespace BridgeEngine.Parsing;

/// <summary>
/// Turns Gemini's raw answer text into what a caller sees (protocol §5.3 "Text post-processing", §5.4 delta
/// rule). Partial snapshots are cleaned conservatively: anything that a later frame may still rewrite is held
/// back, so every streamed delta is a prefix of the final text.
/// </summary>
internal static partial class AnswerTextCleaner
{
    private const string ArtifactHost = "http://googleusercontent.com/";

    /// <summary>The final, complete text: unescaped, placeholders and follow-up chips removed.</summary>
    public static string CleanFinal(string raw) => RemoveMarkup(WebUtility.HtmlDecode(raw)).TrimEnd();

    /// <summary>The regexes only run when their marker is present: this runs on every frame of every stream.</summary>
    private static string RemoveMarkup(string text)
    {
        if (text.Contains(ArtifactHost, StringComparison.Ordinal))
        {
            text = ArtifactRegex().Replace(text, string.Empty);
        }

        if (text.Contains("<FollowUp", StringComparison.Ordinal))
        {
            text = FollowUpRegex().Replace(text, string.Empty);
        }

        return text;
    }

    /// <summary>An in-progress snapshot, with every tail that may still change held back.</summary>
    public static string CleanPartial(string raw)
    {
        // An HTML entity may be split across frames ("&am" then "&amp;").
        var amp = raw.LastIndexOf('&');
        if (amp >= 0 && raw.IndexOf(';', amp) < 0)
        {
            raw = raw[..amp];
        }

        var text = RemoveMarkup(WebUtility.HtmlDecode(raw));

        var followUp = text.LastIndexOf("<FollowUp", StringComparison.Ordinal);
        if (followUp >= 0)
        {
            text = text[..followUp];
        }

        // A placeholder URL that has not reached its line end yet, or a prefix of one.
        var artifact = text.LastIndexOf(ArtifactHost, StringComparison.Ordinal);
        if (artifact >= 0 && text.IndexOf('\n', artifact) < 0)
        {
            text = text[..artifact];
        }

        text = TrimPartialPrefixOf(text, ArtifactHost);
        text = TrimPartialPrefixOf(text, "<FollowUp");

        // §5.4: the server temporarily escapes Markdown markers and closes code fences later.
        if (text.Contains('\\', StringComparison.Ordinal))
        {
            text = EscapedMarkdownTailRegex().Replace(text, string.Empty);
        }

        if (text.EndsWith("\n```", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        // Whitespace at the end may be trimmed from the final text, so it is only sent once text follows it.
        return text.TrimEnd();
    }

    private static string TrimPartialPrefixOf(string text, string marker)
    {
        for (var length = Math.Min(marker.Length - 1, text.Length); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(marker.AsSpan(0, length)))
            {
                return text[..^length];
            }
        }

        return text;
    }

    [GeneratedRegex(@"http://googleusercontent\.com/\w+/\d+\n*")]
    private static partial Regex ArtifactRegex();

    [GeneratedRegex(@"<FollowUp\b[^>]*/>")]
    private static partial Regex FollowUpRegex();

    [GeneratedRegex(@"\\+[`*_~][^\n]*\z")]
    private static partial Regex EscapedMarkdownTailRegex();
}
