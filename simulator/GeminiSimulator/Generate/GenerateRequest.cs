using System.Text.Json.Nodes;
using GeminiSimulator.Wire;

namespace GeminiSimulator.Generate;

/// <summary>The documented slots of a §5.2 inner request; everything else is ignored.</summary>
internal sealed class GenerateRequest
{
    public required string Prompt { get; init; }

    /// <summary>§8: (reference, file name) pairs from inner[0][3], either ref shape.</summary>
    public required IReadOnlyList<(string Reference, string Name)> Files { get; init; }

    public string? Language { get; init; }

    public string Cid { get; init; } = string.Empty;

    public string? GemId { get; init; }

    public bool Temporary { get; init; }

    public bool DeepResearch { get; init; }

    /// <summary>§5.2.1: slot 49 = 11 video (Veo), 21 music (Lyria).</summary>
    public long? MediaSlot { get; init; }

    /// <summary>The inner array's length (§5.2: 69, 80, 81 or 97 seen).</summary>
    public int SlotCount { get; init; }

    /// <summary>Parses <c>f.req = [null,"&lt;inner json&gt;"]</c>; null when the structure is wrong (→ HTTP 400).</summary>
    public static GenerateRequest? Parse(string freq)
    {
        var outer = LenientJson.Parse(freq, out var ok);
        if (!ok || outer is not JsonArray outerArray || outerArray.Count < 2)
        {
            return null;
        }

        var innerText = Nav.Str(outerArray, 1);
        var inner = LenientJson.Parse(innerText, out ok);
        if (!ok || inner is not JsonArray innerArray || innerArray.Count < 1)
        {
            return null;
        }

        var prompt = Nav.Str(inner, 0, 0);
        if (string.IsNullOrEmpty(prompt))
        {
            return null;
        }

        var files = new List<(string, string)>();
        if (Nav.Arr(inner, 0, 3) is { } fileList)
        {
            foreach (var file in fileList)
            {
                // Shapes: [[ref], name] (§8.1) and [[ref, 1, null, mime], name] (§8.2).
                var reference = Nav.Str(file, 0, 0) ?? Nav.Str(file, 0);
                if (string.IsNullOrEmpty(reference))
                {
                    return null;
                }

                files.Add((reference, Nav.Str(file, 1) ?? "file"));
            }
        }

        return new GenerateRequest
        {
            Prompt = prompt,
            Files = files,
            Language = Nav.Str(inner, 1, 0),
            Cid = Nav.Str(inner, 2, 0) ?? string.Empty,
            GemId = Nav.Str(inner, 19) is { Length: > 0 } gem ? gem : null,
            Temporary = Nav.Long(inner, 45) == 1,
            DeepResearch = Nav.Long(inner, 49) == 1,
            MediaSlot = Nav.Long(inner, 49) is 11 or 21 ? Nav.Long(inner, 49) : null,
            SlotCount = innerArray.Count,
        };
    }
}
