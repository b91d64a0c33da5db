namespace Gateway.Policies.UpstreamBlock;

/// <summary>Section <c>UpstreamBlock</c>: what to do when Google flags the egress IP.</summary>
public sealed class UpstreamBlockOptions
{
    public const string SectionName = "UpstreamBlock";

    /// <summary>
    /// How long no request goes upstream through a flagged egress. Sending more while flagged prolongs the
    /// block ([ISS] #82: blocks are temporary); callers get TEMPORARILY_BLOCKED with Retry-After meanwhile.
    /// </summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(10);
}
