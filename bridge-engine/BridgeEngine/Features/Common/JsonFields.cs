using System.Text.Json;

namespace BridgeEngine.Features.Common;

/// <summary>Field checks for small JSON bodies: each refusal is INVALID_BODY naming the field, never echoing its value.</summary>
public static class JsonFields
{
    public static void EnsureOnly(JsonElement root, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw FeatureErrors.InvalidBody($"Unknown field '{FeatureErrors.Safe(property.Name)}'. Known fields: {string.Join(", ", known)}.");
            }

            if (!seen.Add(property.Name))
            {
                throw FeatureErrors.InvalidBody($"Field '{property.Name}' appears more than once.");
            }
        }
    }

    public static string RequiredString(JsonElement root, string name, int maxChars) =>
        OptionalString(root, name, maxChars, allowEmpty: false) ?? throw FeatureErrors.InvalidBody($"Field '{name}' is required.");

    /// <summary>Null when absent or null. Whitespace-only counts as empty.</summary>
    public static string? OptionalString(JsonElement root, string name, int maxChars, bool allowEmpty)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FeatureErrors.InvalidBody($"Field '{name}' must be a string.");
        }

        var text = value.GetString()!;
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            throw FeatureErrors.InvalidBody($"Field '{name}' must not be empty.");
        }

        if (text.Length > maxChars)
        {
            throw FeatureErrors.InvalidBody($"Field '{name}' is longer than {maxChars} characters.");
        }

        return text;
    }
}
