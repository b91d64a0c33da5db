using BridgeEngine.Contracts;

namespace BridgeEngine.Client;

/// <summary>
/// Per-request upstream state: the caller's cookies and what upstream handed back for the caller to keep
/// (a rotated __Secure-1PSIDTS). Lives for one gateway request only.
/// </summary>
public sealed class UpstreamCall
{
    public UpstreamCall(GeminiCredentials credentials)
    {
        Credentials = credentials;
    }

    public GeminiCredentials Credentials { get; }

    /// <summary>
    /// The Gemini app origin for this call, when the host picked one (the gateway takes it from its YARP
    /// cluster); otherwise <see cref="Protocol.GeminiWebOptions.AppBaseUrl"/>.
    /// </summary>
    public Uri? AppBaseUrl { get; init; }

    /// <summary>
    /// The models this caller may use (model ids or friendly names, as the gateway's tenant configuration names them);
    /// null = any model of the account. Checked wherever a model is resolved, so no surface or feature can bypass it.
    /// </summary>
    public IReadOnlyCollection<string>? ModelAllowList { get; init; }

    /// <summary>The page's language once the session is known (hl, §2.3), for Accept-Language (§2.6).</summary>
    public string? Language { get; set; }

    /// <summary>The newest __Secure-1PSIDTS value upstream set during this request, if any.</summary>
    public string? RotatedPsidts { get; private set; }

    /// <summary>The psidts to send: a value rotated earlier in this request wins over the caller's.</summary>
    public string? EffectivePsidts => RotatedPsidts ?? Credentials.Psidts;

    private string? _accountKey;

    /// <summary>Set once a block of this request went to the block sink, so it is counted once.</summary>
    internal bool BlockReported { get; set; }

    /// <summary>
    /// Protocol §2.1: cookies upstream set during this request (NID, consent, …), resent on the rest of this
    /// request's *.google.com calls and then forgotten. Never logged; the two session cookies are not kept here.
    /// </summary>
    public CookieJar Jar { get; } = new();

    /// <summary>The keyed hash of the caller's __Secure-1PSID, computed once per request.</summary>
    public string AccountKey(CredentialFingerprint fingerprint) => _accountKey ??= fingerprint.Of(Credentials.Psid);

    internal void ObserveRotatedPsidts(string value)
    {
        if (value.Length > 0 && value != Credentials.Psidts)
        {
            RotatedPsidts = value;
        }
    }
}
