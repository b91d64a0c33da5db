using System.Text.Json.Serialization;

namespace BridgeEngine.Features.Quota;

/// <summary>The otAQ7b account status codes (protocol §7) under readable names.</summary>
public enum AccountState
{
    [JsonStringEnumMemberName("available")]
    Available,

    [JsonStringEnumMemberName("signed_out")]
    SignedOut,

    [JsonStringEnumMemberName("temporarily_unavailable")]
    TemporarilyUnavailable,

    [JsonStringEnumMemberName("region_blocked")]
    RegionBlocked,

    [JsonStringEnumMemberName("terms_pending")]
    TermsPending,

    [JsonStringEnumMemberName("account_rejected")]
    AccountRejected,

    [JsonStringEnumMemberName("untrusted")]
    Untrusted,

    [JsonStringEnumMemberName("blocked_by_guardian")]
    BlockedByGuardian,

    [JsonStringEnumMemberName("approval_required")]
    ApprovalRequired,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
