using GeminiSimulator.Wire;

namespace GeminiSimulator.Generate;

/// <summary>§9.1: the x-goog-ext-525001261-jspb model header, parsed leniently (12- or 17-element form).</summary>
internal sealed record ModelHeader(string? ModelId, bool ExtendedThinking)
{
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
        return new ModelHeader(string.IsNullOrEmpty(id) ? null : id, Nav.Long(node, 15) == 2);
    }
}
