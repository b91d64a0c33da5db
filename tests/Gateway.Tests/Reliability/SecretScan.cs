using System.Text.RegularExpressions;

namespace Gateway.Tests.Reliability;

/// <summary>Fails when any log line holds a cookie value (or its unique part) or an API key.</summary>
public static partial class SecretScan
{
    public static int LinesScanned { get; private set; }

    public static void AssertClean(IEnumerable<(string Source, string Line)> lines, IEnumerable<string> cookies, IEnumerable<string> keys, ICollection<string>? issuedIds = null)
    {
        var secrets = cookies.Concat(keys).Where(s => s.Length >= 8).ToArray();
        var hits = new List<string>();
        var count = 0;
        foreach (var (source, line) in lines)
        {
            count++;
            foreach (var secret in secrets)
            {
                if (line.Contains(secret, StringComparison.Ordinal))
                {
                    hits.Add($"{source}: {Clip(line)}");
                }
            }

            if (line.Contains("g.a000", StringComparison.Ordinal) || line.Contains("bk_test_", StringComparison.Ordinal))
            {
                hits.Add($"{source}: {Clip(line)}");
            }

            if (issuedIds is not null)
            {
                foreach (Match match in Hex32().Matches(line))
                {
                    if (issuedIds.Contains(match.Value))
                    {
                        hits.Add($"{source}: {Clip(line)}");
                    }
                }
            }
        }

        LinesScanned = count;
        Assert.True(hits.Count == 0, $"{hits.Count} log line(s) hold a secret, e.g. " + string.Join(" | ", hits.Take(3)));
    }

    private static string Clip(string line) => line.Length > 300 ? line[..300] : line;

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex Hex32();
}
