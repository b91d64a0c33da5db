namespace Gateway.Compat.Tools;

/// <summary>Fills tool results' names from the calls earlier in the conversation (OpenAI tool messages name only the id).</summary>
internal static class ToolCallNames
{
    public static IReadOnlyList<CompatTurn> Resolve(IReadOnlyList<CompatTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = new List<CompatTurn>(turns.Count);
        foreach (var turn in turns)
        {
            foreach (var call in turn.ToolCalls)
            {
                names[call.Id] = call.Name;
            }

            if (turn.ToolResult is { Name: null } result && names.TryGetValue(result.CallId, out var name))
            {
                resolved.Add(turn with { ToolResult = result with { Name = name } });
                continue;
            }

            resolved.Add(turn);
        }

        return resolved;
    }
}
