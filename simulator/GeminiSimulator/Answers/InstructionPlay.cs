using System.Text;
using System.Text.Json.Nodes;

namespace GeminiSimulator.Answers;

/// <summary>
/// The simulated model following (or, on request, breaking) the gateway's emulated tool-call and JSON instructions,
/// deterministically from the prompt:
/// <list type="bullet">
/// <item>Tool results in the prompt: a prose answer quoting them (or the JSON answer when one is asked for).</item>
/// <item>Tools offered: a forced tool is called; otherwise every tool the latest user message names is called, in
/// order (several calls = several blocks), only the first when the prompt allows at most one call; with tool choice
/// required and none named, the first tool. No tool named under auto: the answer is prose (or JSON). Arguments are a
/// sample of each tool's schema (<see cref="SchemaSample"/>).</item>
/// <item>JSON asked for: a sample of the schema (or <c>{"answer": ...}</c> for any object), bare.</item>
/// <item>A repair turn: the corrected answer (the forced tool, else tools the error names, else the first tool).</item>
/// </list>
/// Directives (raw prompt): <c>[sim:tools=wrong]</c> calls an unknown tool once, <c>[sim:tools=wrong-always]</c> in
/// the repair turn too (the repair prompt quotes the rejected reply, which carries the marker
/// <c>sim_always_wrong</c>), <c>[sim:tools=invalid]</c> gives arguments of the wrong types, <c>[sim:tools=prose]</c>
/// answers in prose whatever the tool choice, <c>[sim:tools=several]</c> calls every named tool even when the prompt
/// allows only one; <c>[sim:json=wrong]</c> answers with text that is not JSON,
/// <c>[sim:json=wrong-always]</c> in the repair turn too, <c>[sim:json=mismatch]</c> JSON that misses the schema
/// (an empty object), <c>[sim:json=fenced]</c> valid JSON inside a ```json fence.
/// </summary>
internal static class InstructionPlay
{
    private const string AlwaysWrong = "sim_always_wrong";

    /// <summary>The answer text, or null when the prompt holds no tool or JSON instruction.</summary>
    public static string? Answer(string prompt, string rawPrompt)
    {
        var read = InstructionPrompt.Read(prompt);
        if (read is null)
        {
            return null;
        }

        var (toolsMode, jsonMode) = PlayDirectives.Parse(rawPrompt);
        var alwaysWrong = read.IsRepair && read.RepairQuote.Contains(AlwaysWrong, StringComparison.Ordinal);
        if (read.IsRepair && !alwaysWrong)
        {
            toolsMode = null;
            jsonMode = null;
        }

        if (alwaysWrong)
        {
            return read.RepairQuote.Contains("```tool_call", StringComparison.Ordinal)
                ? Block(AlwaysWrong, new JsonObject())
                : "Here is the data you asked for (" + AlwaysWrong + "): {not json";
        }

        if (read.OffersTools && !read.HasToolResults && toolsMode is not null)
        {
            switch (toolsMode)
            {
                case "wrong":
                    return Block("sim_unknown_tool", new JsonObject());
                case "wrong-always":
                    return Block(AlwaysWrong, new JsonObject());
                case "invalid":
                    var (name, schema) = Chosen(read).FirstOrDefault(read.Tools[0]);
                    return Block(name, SchemaSample.Wrong(schema));
                case "prose":
                    return "I would rather answer in prose: simulated answer without any tool call.";
            }
        }

        if (read.OffersTools && !read.HasToolResults)
        {
            var calls = Chosen(read);
            if (read.SingleCall && toolsMode != "several")
            {
                calls = calls.Take(1).ToList();
            }

            if (calls.Count > 0)
            {
                return string.Join("\n", calls.Select(c => Block(c.Name, SchemaSample.Valid(c.Schema, read.Hints) ?? new JsonObject())));
            }
        }

        if (read.WantsJson)
        {
            return jsonMode switch
            {
                "wrong" => "Sure! Here is the JSON you wanted: {\"broken\": ",
                "wrong-always" => "Here is the data you asked for (" + AlwaysWrong + "): {not json",
                "mismatch" => "{}",
                "fenced" => "```json\n" + Json(read) + "\n```",
                _ => Json(read),
            };
        }

        if (read.HasToolResults)
        {
            var answer = new StringBuilder("Simulated answer using the tool results:");
            foreach (var result in read.ToolResults)
            {
                answer.Append(' ').Append(AnswerComposer.Truncate(result, 200)).Append('.');
            }

            return answer.ToString();
        }

        return read.IsRepair ? "Simulated answer without a tool call." : null;
    }

    private static List<(string Name, JsonNode? Schema)> Chosen(InstructionPrompt read)
    {
        if (read.ForcedTool is { } forced)
        {
            return read.Tools.Where(t => t.Name == forced).Take(1).ToList();
        }

        var source = read.IsRepair ? read.RepairQuote : read.Latest;
        var named = read.Tools
            .Select(t => (Tool: t, At: source.IndexOf(t.Name, StringComparison.Ordinal)))
            .Where(x => x.At >= 0)
            .OrderBy(x => x.At)
            .Select(x => x.Tool)
            .ToList();
        if (named.Count > 0)
        {
            return named;
        }

        return read.ToolRequired || read.IsRepair ? [read.Tools[0]] : [];
    }

    private static string Json(InstructionPrompt read) =>
        read.JsonSchema is { } schema
            ? SchemaSample.Valid(schema, read.Hints)?.ToJsonString() ?? "null"
            : new JsonObject { ["answer"] = "Simulated JSON answer." }.ToJsonString();

    private static string Block(string name, JsonNode arguments) =>
        "```tool_call\n" + new JsonObject { ["name"] = name, ["arguments"] = arguments }.ToJsonString() + "\n```";
}
