using System.ComponentModel.DataAnnotations;

namespace Gateway.Policies.RateLimiting;

/// <summary>A request-count window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class WindowLimitOptions
{
    public WindowKind Kind { get; set; } = WindowKind.FixedWindow;

    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sliding windows only: how many segments the window moves by.</summary>
    [Range(1, 1000)]
    public int SegmentsPerWindow { get; set; } = 6;
}
