using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GeminiSimulator.Answers;

/// <summary>
/// What the gateway's tool and JSON instructions in a prompt say, read the way a model reads them: the offered tools
/// with their schemas, a forced tool choice, the answer format, the latest user message, whether tool results came
/// back, and whether this is a repair turn (with the quoted start of the rejected reply). The line formats are the
/// gateway's (gateway/Gateway/Compat/Tools/ToolPrompt.cs, Structured/StructuredPrompt.cs, Tools/AnswerEmulation.cs).
/// </summary>
internal sealed partial class InstructionPrompt
{
    private const string ToolHeading = "Tools you can call:";
    private const string ToolLine = "- name: ";
    // Read without its indent: removing [sim:...] directives also collapses runs of spaces in the prompt.
    private const string ParametersLine = "parameters (JSON Schema): ";
    private const string RequiredRule = "You must call at least one tool in this reply";
    private const string SingleCallRule = "Call at most one tool in this reply";
    private const string FormatHeading = "Answer format:";
    private const string SchemaRule = "Reply with only one JSON value valid against this JSON Schema (no prose, no code fence, nothing before or after it): ";
    private const string LatestHeading = "Reply to the latest user message:";
    private const string ResultsHeading = "Results of your latest tool calls";
    private const string RepairHeading = "Your previous reply could not be used:";
    private const string QuotePrefix = "Your previous reply began: ";

    public List<(string Name, JsonNode? Schema)> Tools { get; } = [];

    public string? ForcedTool { get; private set; }

    public bool ToolRequired { get; private set; }

    /// <summary>The prompt allows at most one call in this reply (the client turned parallel tool calls off).</summary>
    public bool SingleCall { get; private set; }

    public bool WantsJson { get; private set; }

    public JsonNode? JsonSchema { get; private set; }

    public string Latest { get; private set; } = string.Empty;

    public bool HasToolResults { get; private set; }

    public List<string> ToolResults { get; } = [];

    public bool IsRepair { get; private set; }

    /// <summary>The repair prompt's error and quote (empty otherwise): what the model was told it got wrong.</summary>
    public string RepairText { get; private set; } = string.Empty;

    /// <summary>The quoted start of the rejected reply, in a repair turn.</summary>
    public string RepairQuote { get; private set; } = string.Empty;

    /// <summary><c>name=value</c> pairs of the latest user message.</summary>
    public Dictionary<string, string> Hints { get; } = new(StringComparer.Ordinal);

    public bool OffersTools => Tools.Count > 0;

    /// <summary>Null when the prompt holds none of the gateway's instructions.</summary>
    public static InstructionPrompt? Read(string prompt)
    {
        var lines = prompt.ReplaceLineEndings("\n").Split('\n');
        var read = new InstructionPrompt();
        var toolsAt = Array.IndexOf(lines, ToolHeading);
        var formatAt = Array.IndexOf(lines, FormatHeading);
        read.IsRepair = prompt.StartsWith(RepairHeading, StringComparison.Ordinal);
        if (toolsAt < 0 && formatAt < 0 && !read.IsRepair)
        {
            return null;
        }

        if (read.IsRepair)
        {
            read.RepairText = string.Join('\n', lines.TakeWhile(l => l.Length > 0));
            read.RepairQuote = lines.FirstOrDefault(l => l.StartsWith(QuotePrefix, StringComparison.Ordinal))?[QuotePrefix.Length..] ?? string.Empty;
        }

        for (var i = Math.Max(0, toolsAt); toolsAt >= 0 && i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith(ToolLine, StringComparison.Ordinal))
            {
                read.Tools.Add((line[ToolLine.Length..].Trim(), null));
            }
            else if (line.TrimStart().StartsWith(ParametersLine, StringComparison.Ordinal) && read.Tools.Count > 0)
            {
                read.Tools[^1] = (read.Tools[^1].Name, Parse(line.TrimStart()[ParametersLine.Length..]));
            }
            else if (line.StartsWith(RequiredRule, StringComparison.Ordinal))
            {
                read.ToolRequired = true;
            }
            else if (line.StartsWith(SingleCallRule, StringComparison.Ordinal))
            {
                read.SingleCall = true;
            }
            else if (NamedRule().Match(line) is { Success: true } named)
            {
                read.ForcedTool = named.Groups[1].Value;
            }
        }

        if (formatAt >= 0 && formatAt + 1 < lines.Length)
        {
            read.WantsJson = true;
            var rule = lines[formatAt + 1];
            if (rule.StartsWith(SchemaRule, StringComparison.Ordinal))
            {
                read.JsonSchema = Parse(rule[SchemaRule.Length..]);
            }
        }

        read.HasToolResults = prompt.Contains(ResultsHeading, StringComparison.Ordinal);
        read.ToolResults.AddRange(lines.Where(l => l.StartsWith("Tool result (", StringComparison.Ordinal)));
        var latestAt = prompt.IndexOf(LatestHeading, StringComparison.Ordinal);
        if (latestAt >= 0)
        {
            var start = latestAt + LatestHeading.Length;
            var ends = new[] { prompt.IndexOf(ToolHeading, start, StringComparison.Ordinal), prompt.IndexOf(FormatHeading, start, StringComparison.Ordinal) }.Where(e => e >= 0).ToList();
            read.Latest = prompt[start..(ends.Count > 0 ? ends.Min() : prompt.Length)].Trim();
        }

        foreach (Match hint in HintRegex().Matches(read.Latest))
        {
            read.Hints[hint.Groups[1].Value] = hint.Groups[2].Value;
        }

        return read;
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^You must call the tool named \"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex NamedRule();

    [GeneratedRegex(@"\b([A-Za-z_][A-Za-z0-9_]*)=([^\s,;""'\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex HintRegex();
}
