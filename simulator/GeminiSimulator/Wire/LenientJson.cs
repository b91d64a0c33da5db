using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GeminiSimulator.Wire;

/// <summary>
/// Parses request JSON the way the real server tolerates it: §10 notes [GWA] sends single-quoted strings
/// (<c>[3,['en'],0]</c>), §9.1 mentions single-quoted model ids. Returns null instead of throwing.
/// </summary>
internal static class LenientJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true };

    public static JsonNode? Parse(string? text, out bool ok)
    {
        ok = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(NormalizeQuotes(text), documentOptions: Options);
            ok = true;
            return node;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Rewrites single-quoted string literals as double-quoted ones.</summary>
    private static string NormalizeQuotes(string text)
    {
        if (!text.Contains('\'', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '"')
            {
                var end = SkipString(text, i, '"');
                sb.Append(text, i, end - i);
                i = end;
            }
            else if (ch == '\'')
            {
                var end = SkipString(text, i, '\'');
                var body = text.Substring(i + 1, Math.Max(0, end - i - 2));
                sb.Append('"').Append(body.Replace("\\'", "'", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                i = end;
            }
            else
            {
                sb.Append(ch);
                i++;
            }
        }

        return sb.ToString();
    }

    private static int SkipString(string text, int start, char quote)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == quote)
            {
                return i + 1;
            }

            i++;
        }

        return text.Length;
    }
}
