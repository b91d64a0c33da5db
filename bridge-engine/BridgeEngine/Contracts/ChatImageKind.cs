using System.Text.Json.Serialization;

namespace BridgeEngine.Contracts;

public enum ChatImageKind
{
    [JsonStringEnumMemberName("web")]
    Web,

    [JsonStringEnumMemberName("generated")]
    Generated,
}
