using System.Text.Json.Serialization;

namespace BridgeEngine.Contracts;

/// <summary>Ask Gemini to run a media generator for this turn (protocol §5.2.1: slots 49 and 79, [PR] #309).</summary>
public enum MediaGeneration
{
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Veo: slot 49 = 11, slot 79 = 3.</summary>
    [JsonStringEnumMemberName("video")]
    Video,

    /// <summary>Lyria: slot 49 = 21, slot 79 = 1.</summary>
    [JsonStringEnumMemberName("music")]
    Music,
}
