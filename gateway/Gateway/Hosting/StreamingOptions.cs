using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting;

/// <summary>Server-Sent Events behaviour (section <c>Streaming</c>).</summary>
internal sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>
    /// A comment line is sent after this much silence so proxies and load balancers keep the connection
    /// (many idle-close at 30-60 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
