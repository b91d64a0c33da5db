using System.Globalization;
using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>
/// Safe navigation over Gemini's positional JSON (protocol §2.5): a wrong type, a missing index or null
/// gives "nothing", never an exception. A step may also hit a sparse object keyed by field number + 1
/// (protocol §2.4), so index i on an object reads key (i + 1).
/// </summary>
internal static class JsonNav
{
    private static readonly string[] SparseKeys = CreateSparseKeys();

    public static bool TryStep(JsonElement element, int index, out JsonElement child)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array when index >= 0 && index < element.GetArrayLength():
                child = element[index];
                return child.ValueKind != JsonValueKind.Null;
            case JsonValueKind.Object:
                var key = index + 1 < SparseKeys.Length ? SparseKeys[index + 1] : (index + 1).ToString(CultureInfo.InvariantCulture);
                return element.TryGetProperty(key, out child) && child.ValueKind != JsonValueKind.Null;
            default:
                child = default;
                return false;
        }
    }

    public static bool TryPath(JsonElement element, ReadOnlySpan<int> path, out JsonElement result)
    {
        result = element;
        foreach (var index in path)
        {
            if (!TryStep(result, index, out result))
            {
                return false;
            }
        }

        return result.ValueKind != JsonValueKind.Null && result.ValueKind != JsonValueKind.Undefined;
    }

    public static string? GetString(JsonElement element, ReadOnlySpan<int> path) =>
        TryPath(element, path, out var value) && value.ValueKind == JsonValueKind.String ? ReadText(value) : null;

    /// <summary>
    /// A string element's text. A lone surrogate escape (<c>"\ud800"</c>) is valid JSON syntax but no text:
    /// <see cref="JsonElement.GetString"/> throws InvalidOperationException for it, which must not escape a
    /// parser as an internal error. Upstream never sends one, so it is a malformed reply (API_ERROR).
    /// </summary>
    public static string ReadText(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException ex)
        {
            throw new Errors.BridgeException(Errors.BridgeErrorCode.ApiError, "Gemini sent text that is not valid Unicode.", null, ex);
        }
    }

    public static int? GetInt(JsonElement element, ReadOnlySpan<int> path) =>
        TryPath(element, path, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public static bool TryGetArray(JsonElement element, ReadOnlySpan<int> path, out JsonElement array) =>
        TryPath(element, path, out array) && array.ValueKind == JsonValueKind.Array;

    /// <summary>Reads an object key directly (deep-research payloads use explicit sparse keys such as "57").</summary>
    public static bool TryKey(JsonElement element, string key, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string[] CreateSparseKeys()
    {
        var keys = new string[128];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return keys;
    }
}
