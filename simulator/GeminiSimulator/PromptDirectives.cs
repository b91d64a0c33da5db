using System.Globalization;
using System.Text.RegularExpressions;

namespace GeminiSimulator;

/// <summary>
/// <c>[sim:...]</c> markers inside a prompt act like a <see cref="GenerateFault"/> for out-of-process users
/// (playground, load tests). They are removed from the prompt before the answer echoes it.
/// </summary>
internal static partial class PromptDirectives
{
    /// <summary>Extracts the directives; returns the fault they describe (null when none) and the cleaned prompt.</summary>
    public static (GenerateFault? Fault, int? Frames, string Prompt) Parse(string prompt)
    {
        var matches = DirectiveRegex().Matches(prompt);
        if (matches.Count == 0)
        {
            return (null, null, prompt);
        }

        int? error = null, errorAfter = null, status = null, drop = null, stall = null, frames = null;
        TimeSpan? delay = null, first = null;
        bool block = false, malformed = false, truncate = false, noXssi = false;
        foreach (Match m in matches)
        {
            var value = m.Groups[2].Success ? ParseInt(m.Groups[2].Value) : null;
            switch (m.Groups[1].Value.ToUpperInvariant())
            {
                case "ERROR": error = value; break;
                case "ERROR-AFTER": errorAfter = value; break;
                case "DELAY-MS": delay = value is { } d ? TimeSpan.FromMilliseconds(d) : null; break;
                case "FIRST-MS": first = value is { } f ? TimeSpan.FromMilliseconds(f) : null; break;
                case "FRAMES": frames = value; break;
                case "DROP": drop = value ?? 0; break;
                case "STALL": stall = value ?? 0; break;
                case "STATUS": status = value; break;
                case "BLOCK": block = true; break;
                case "MALFORMED": malformed = true; break;
                case "TRUNCATE": truncate = true; break;
                case "NOXSSI": noXssi = true; break;
                default: break;
            }
        }

        var cleaned = MultiSpaceRegex().Replace(DirectiveRegex().Replace(prompt, " "), " ").Trim();
        var fault = new GenerateFault
        {
            ErrorCode = error,
            ErrorAfterFrames = errorAfter ?? 0,
            InterFrameDelay = delay,
            FirstFrameDelay = first ?? TimeSpan.Zero,
            DropAfterFrames = drop,
            StallAfterFrames = stall,
            HttpStatus = status,
            BlockPage = block,
            MalformedFrame = malformed,
            TruncatedStream = truncate,
            MissingXssiPrefix = noXssi,
        };
        return (fault, frames, cleaned);
    }

    private static int? ParseInt(string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"\[sim:([a-zA-Z-]+)(?:=([^\]]*))?\]", RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveRegex();

    [GeneratedRegex(@"[ ]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultiSpaceRegex();
}
