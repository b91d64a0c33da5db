namespace BridgeEngine.Contracts;

/// <summary>
/// The caller's Gemini web cookies for one request. Held in memory for the request only; never logged,
/// cached or written. <see cref="ToString"/> is redacted so an accidental interpolation leaks nothing.
/// </summary>
public sealed class GeminiCredentials
{
    public GeminiCredentials(string psid, string? psidts)
    {
        ArgumentException.ThrowIfNullOrEmpty(psid);
        Psid = psid;
        Psidts = string.IsNullOrEmpty(psidts) ? null : psidts;
    }

    /// <summary>__Secure-1PSID.</summary>
    public string Psid { get; }

    /// <summary>__Secure-1PSIDTS, when the caller has one (some accounts do not).</summary>
    public string? Psidts { get; }

    public override string ToString() => "GeminiCredentials(redacted)";
}
