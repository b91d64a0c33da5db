using System.Text.Json.Serialization;

namespace BridgeEngine.Features.Quota;

/// <summary>The capacity tier the web app derives from otAQ7b flags (protocol §9.3; names from [NOTE-A] §9.1 [11]).</summary>
public enum AccountTier
{
    [JsonStringEnumMemberName("free")]
    Free,

    [JsonStringEnumMemberName("advanced")]
    Advanced,

    [JsonStringEnumMemberName("pro")]
    Pro,

    [JsonStringEnumMemberName("plus")]
    Plus,
}
