using System.Text.Json.Serialization;

namespace BridgeEngine.Contracts;

/// <summary>
/// A generated video or music file in an answer (protocol §5.3, §13). Downloading it needs the session cookies;
/// a 206 on download means "still rendering, retry in 10 s" ([GWA] <c>types/video.py</c>).
/// </summary>
/// <param name="Format">"mp4" or "mp3".</param>
public sealed record ChatMedia(ChatMediaKind Kind, string Url, string? ThumbnailUrl, string? Format);

public enum ChatMediaKind
{
    [JsonStringEnumMemberName("video")]
    Video,

    [JsonStringEnumMemberName("music")]
    Music,
}
