using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting;

/// <summary>Graceful shutdown (section <c>Shutdown</c>); read at start.</summary>
internal sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// After SIGTERM, how long open requests and streams may still finish. Streams still open then get an SSE
    /// <c>error</c> event and end. 25 s leaves room inside Kubernetes' default 30 s grace period for
    /// <see cref="FinalWriteAllowance"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The host waits <see cref="DrainTimeout"/> plus this before it aborts connections
    /// (<c>HostOptions.ShutdownTimeout</c>), so the final error events get written.
    /// </summary>
    public static readonly TimeSpan FinalWriteAllowance = TimeSpan.FromSeconds(3);
}
