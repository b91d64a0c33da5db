namespace Gateway.Policies.UpstreamBlock;

/// <summary>
/// Section <c>UpstreamBlock</c>: what to pause when Google refuses requests (protocol §15.1). The egress is paused for
/// the /sorry/ block page, "unusual traffic" HTML and HTTP 429; a stream 1060 pauses that cookie identity first, and
/// the egress only when several identities are refused inside <see cref="IdentityWindow"/>. A pause ends with one
/// trial call: a success lifts it, another block pauses again for twice as long (up to <see cref="MaxCoolDown"/>).
/// </summary>
public sealed class UpstreamBlockOptions
{
    public const string SectionName = "UpstreamBlock";

    /// <summary>
    /// First egress pause. Sending more while flagged prolongs the block ([ISS] #82: blocks are temporary); callers get
    /// TEMPORARILY_BLOCKED with the exact rest as Retry-After meanwhile. Zero turns every pause off.
    /// </summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First pause of one cookie identity after a stream 1060.</summary>
    public TimeSpan IdentityCoolDown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Upper bound of a pause that doubled on repeated blocks.</summary>
    public TimeSpan MaxCoolDown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>This many distinct identities refused (1060) inside <see cref="IdentityWindow"/> pause the whole egress.</summary>
    public int IdentitiesForEgressPause { get; set; } = 2;

    public TimeSpan IdentityWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retry-After for callers that arrive while a pause's one trial call is still running.</summary>
    public TimeSpan TrialRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
