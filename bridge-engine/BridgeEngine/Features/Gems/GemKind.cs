using System.Text.Json.Serialization;

namespace BridgeEngine.Features.Gems;

/// <summary>Protocol §10: system gems (readable ids, read-only) and the account's own custom gems.</summary>
public enum GemKind
{
    [JsonStringEnumMemberName("system")]
    System,

    [JsonStringEnumMemberName("custom")]
    Custom,
}
