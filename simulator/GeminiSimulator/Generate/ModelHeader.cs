using GeminiSimulator.Wire;

namespace GeminiSimulator.Generate;

/// <summary>§9.1: the x-goog-ext-525001261-jspb model header, parsed leniently (12- or 17-element form).</summary>
internal sealed record ModelHeader(string? ModelId, bool ExtendedThinking)
{
    /// <summary>§9.1 capacity: [11] in the 12- and 17-element forms, [12] in the 13-element form; null when absent.</summary>
    public long? Capacity { get; init; }

    public const string Name = "x-goog-ext-525001261-jspb";

    public static ModelHeader Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ModelHeader(null, false);
        }

        var node = LenientJson.Parse(value, out _);

        // §9.1: [4] is the id in both forms, but the first string element is the robust reading;
        // [15] == 2 is "extended thinking" in the 17-element form.
        var id = Nav.Str(node, 4) ?? Nav.FirstString(node);
        var length = node is System.Text.Json.Nodes.JsonArray array ? array.Count : 0;
        var capacity = length == 13 ? Nav.Long(node, 12) : Nav.Long(node, 11);
        return new ModelHeader(string.IsNullOrEmpty(id) ? null : id, Nav.Long(node, 15) == 2) { Capacity = capacity };
    }
}
