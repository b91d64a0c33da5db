using System.Text.Json.Serialization;

namespace BridgeEngine.Features.Research;

/// <summary>Deep research progress (protocol §12 step 5 heuristics).</summary>
public enum ResearchState
{
    [JsonStringEnumMemberName("awaiting_confirmation")]
    AwaitingConfirmation,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("completed")]
    Completed,
}
