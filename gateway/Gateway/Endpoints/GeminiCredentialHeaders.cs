using BridgeEngine.Contracts;
using BridgeEngine.Errors;

namespace Gateway.Endpoints;

/// <summary>
/// Reads the caller's Gemini cookies from <c>x-gemini-psid</c> / <c>x-gemini-psidts</c>. A malformed value is
/// refused here and never sent upstream (protocol §15 row 2). Messages never repeat the value.
/// </summary>
internal static class GeminiCredentialHeaders
{
    public const string PsidHeader = "x-gemini-psid";
    public const string PsidtsHeader = "x-gemini-psidts";

    /// <summary>Real values are around 70-160 characters; anything past this is not a cookie.</summary>
    public const int MaxLength = 512;

    public static GeminiCredentials Read(HttpRequest request)
    {
        var psid = request.Headers[PsidHeader];
        if (psid.Count == 0)
        {
            throw new BridgeException(BridgeErrorCode.MissingGeminiCredentials, "Missing x-gemini-psid header (your __Secure-1PSID cookie).");
        }

        var psidValue = Validate(psid, PsidHeader)!;
        var psidts = request.Headers[PsidtsHeader];
        var psidtsValue = psidts.Count == 0 ? null : Validate(psidts, PsidtsHeader);
        return new GeminiCredentials(psidValue, psidtsValue);
    }

    private static string Validate(Microsoft.Extensions.Primitives.StringValues values, string header)
    {
        if (values.Count > 1)
        {
            throw Invalid(header, "is sent more than once");
        }

        var value = values[0] ?? string.Empty;
        if (value.Length == 0)
        {
            throw Invalid(header, "is empty");
        }

        if (value.Length > MaxLength)
        {
            throw Invalid(header, $"is longer than {MaxLength} characters");
        }

        foreach (var c in value)
        {
            // Cookie values are visible ASCII; ';', '=', ',' and quotes would let a value smuggle another cookie.
            if (c is <= ' ' or >= (char)0x7F or ';' or '=' or ',' or '"' or '\\')
            {
                throw Invalid(header, "contains a character that cannot be part of a cookie value (whitespace, control, non-ASCII, ';', '=', ',', quote or backslash)");
            }
        }

        return value;
    }

    private static BridgeException Invalid(string header, string reason) =>
        new(BridgeErrorCode.InvalidGeminiCredentials, $"The {header} header {reason}.");
}
