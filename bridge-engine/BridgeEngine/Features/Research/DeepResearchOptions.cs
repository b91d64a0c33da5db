using System.ComponentModel.DataAnnotations;

namespace BridgeEngine.Features.Research;

/// <summary>Deep research (section <c>Features:DeepResearch</c>). The weakest-evidence feature (§12): it can be switched off.</summary>
public sealed class DeepResearchOptions
{
    public const string SectionName = "Features:DeepResearch";

    /// <summary>Feature switch; off → the research endpoints answer NOT_FOUND.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the events stream polls kwDCne ([GWA]: about 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the events stream follows one research before it gives up with TIMEOUT ([GWA] default 600 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan MaxFollowDuration { get; set; } = TimeSpan.FromMinutes(10);
}
