using System.Text.Json;

namespace Gateway.Pipeline;

/// <summary>How every request reader (native and compatible surfaces) names a JSON value or field in its error messages.</summary>
internal static class JsonValueText
{
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Field names are echoed in messages; keep them short and printable.</summary>
    public static string SafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var printable = new string(name.Where(c => c is >= ' ' and < (char)0x7F).Take(40).ToArray());
        return printable.Length == name.Length ? printable : printable + "...";
    }
}
