using BridgeEngine.Errors;

namespace BridgeEngine.Features.Common;

/// <summary>The refusals the account features share. Messages name the field and never echo upstream bodies.</summary>
public static class FeatureErrors
{
    public static BridgeException InvalidBody(string message) => new(BridgeErrorCode.InvalidBody, message);

    public static BridgeException NotFound(string message) => new(BridgeErrorCode.NotFound, message);

    public static BridgeException Malformed(string what) => UpstreamErrorMapper.Malformed(what);

    /// <summary>An id from the caller's path, cut and reduced to printable ASCII so it is safe to echo.</summary>
    public static string Safe(string value)
    {
        var printable = new string(value.Where(c => c is > ' ' and < (char)0x7F and not '"' and not '\\').Take(64).ToArray());
        return printable.Length == value.Length ? printable : printable + "...";
    }

    /// <summary>Ids Gemini hands out are short and printable; anything else cannot be one (refused before any upstream call).</summary>
    public static string RequireId(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw InvalidBody($"The {what} is required in the path.");
        }

        if (value.Length > 200 || value.Any(c => c is <= ' ' or >= (char)0x7F))
        {
            throw InvalidBody($"The {what} in the path is not a valid id.");
        }

        return value;
    }
}
