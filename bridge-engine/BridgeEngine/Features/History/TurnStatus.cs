using System.Text.Json.Serialization;

namespace BridgeEngine.Features.History;

/// <summary>
/// How a stored turn ended (protocol §11.2, a heuristic): c[8][0] == 2 complete; c[12][6][0] set = still working;
/// otherwise stopped (policy or limit) or simply not marked (the [LEE] sample turns carry no marker).
/// </summary>
public enum TurnStatus
{
    [JsonStringEnumMemberName("complete")]
    Complete,

    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    [JsonStringEnumMemberName("unmarked")]
    Unmarked,
}
