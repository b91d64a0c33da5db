using System.Text.RegularExpressions;

namespace BridgeEngine.Tests.Protocol;

/// <summary>
/// Reads worked examples out of ../shared/gemini-web-protocol.md (beside the repository, read in place), so a test
/// compares against the document's own text rather than a copy that could drift from it.
/// </summary>
public static partial class ProtocolDocument
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(Locate()));

    /// <summary>The <paramref name="index"/>-th fenced code block after the first line that contains <paramref name="marker"/>.</summary>
    public static string CodeBlockAfter(string marker, int index = 0)
    {
        var text = Text.Value;
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The protocol document no longer contains '{marker}'.");
        var blocks = FenceRegex().Matches(text[at..]);
        Assert.True(blocks.Count > index, $"No code block {index} after '{marker}'.");
        return blocks[index].Groups["body"].Value;
    }

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        var path = dir?.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared", "gemini-web-protocol.md");
        return path is not null && File.Exists(path) ? path : throw new InvalidOperationException("Expected the protocol document at ../shared/gemini-web-protocol.md");
    }

    [GeneratedRegex(@"^```[a-z]*\n(?<body>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FenceRegex();
}
