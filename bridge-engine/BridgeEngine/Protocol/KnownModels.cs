namespace BridgeEngine.Protocol;

/// <summary>
/// Friendly names for the model ids known on 2026-06 (protocol §9.2). These are volatile: the account's
/// own list from otAQ7b is the source of truth; this table only maps names callers like to type.
/// </summary>
internal static class KnownModels
{
    private static readonly (string Alias, string Id, bool Thinking)[] Table =
    [
        ("gemini-3-flash", "fbb127bbb056c959", false),
        ("gemini-3-pro", "9d8ca3786ebdfbea", false),
        ("gemini-3-flash-thinking", "5bf011840784117a", true),
        ("gemini-3.1-pro", "e6fa609c3fa255c0", false),
        ("gemini-3.5-flash", "56fdd199312815e2", false),
        ("gemini-3-flash-thinking-plus", "e051ce1aa80aa576", true),
        ("gemini-3.1-flash-lite", "8c46e95b1a07cecc", false),
    ];

    /// <summary>§7: with status 1016 a signed-out guest can still use the free Flash id.</summary>
    public const string FreeFlashId = "fbb127bbb056c959";

    public static string? AliasFor(string id)
    {
        foreach (var entry in Table)
        {
            if (entry.Id == id)
            {
                return entry.Alias;
            }
        }

        return null;
    }

    public static string? IdFor(string alias)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Alias, alias, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Id;
            }
        }

        return null;
    }

    public static bool IsThinking(string id)
    {
        foreach (var entry in Table)
        {
            if (entry.Id == id)
            {
                return entry.Thinking;
            }
        }

        return false;
    }
}
