namespace BridgeEngine.Protocol;

/// <summary>
/// How the engine reaches the Gemini web app. Bound from the <c>GeminiWeb</c> configuration section.
/// Every host is configurable so tests and the <c>--simulator</c> mode point everything at the simulator.
/// </summary>
public sealed class GeminiWebOptions
{
    public const string SectionName = "GeminiWeb";

    /// <summary>
    /// gemini.google.com: the app page, StreamGenerate and batchexecute. The gateway sets it from its YARP cluster
    /// <c>gemini-web</c> (the one place the origin is configured) and refuses it as a separate setting.
    /// </summary>
    public Uri AppBaseUrl { get; set; } = new("https://gemini.google.com/");

    /// <summary>accounts.google.com: RotateCookies (protocol §4).</summary>
    public Uri AccountsBaseUrl { get; set; } = new("https://accounts.google.com/");

    /// <summary>content-push.googleapis.com: file upload (protocol §8.1).</summary>
    public Uri UploadBaseUrl { get; set; } = new("https://content-push.googleapis.com/");

    /// <summary>www.google.com: the optional preflight before the app page (protocol §3).</summary>
    public Uri PreflightBaseUrl { get; set; } = new("https://www.google.com/");

    /// <summary>
    /// Origins generated images are served from (protocol §13). The only hosts the image download route may fetch
    /// from, and the only ones a full-size URL may point at.
    /// </summary>
    public List<Uri> ImageHosts { get; set; } = [new("https://lh3.googleusercontent.com/"), new("https://lh3.google.com/")];

    /// <summary>
    /// Protocol §2.6: a current stable desktop Chrome User-Agent ([GWA]'s wire identity); whether Google also checks
    /// the TLS fingerprint is unsure, and this client cannot imitate one.
    /// </summary>
    public string UserAgent { get; set; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36";

    /// <summary>Optional outbound HTTP proxy for every upstream call (a fixed egress), e.g. http://proxy:3128.</summary>
    public Uri? Proxy { get; set; }

    /// <summary>Language sent as <c>hl</c> when the page does not name one.</summary>
    public string DefaultLanguage { get; set; } = "en";

    public GeminiTimeoutOptions Timeouts { get; set; } = new();

    public ClientIdentityOptions ClientIdentity { get; set; } = new();

    public GeminiProtocolOptions Protocol { get; set; } = new();

    public RecoveryOptions Recovery { get; set; } = new();

    public SessionCacheOptions SessionCache { get; set; } = new();

    /// <summary>How long a pooled upstream connection lives, so DNS changes are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound on connections per upstream host from this replica.</summary>
    public int MaxConnectionsPerServer { get; set; } = 256;
}
