namespace BridgeEngine.Features.Quota;

/// <summary>Protocol §7 status table: code → name, and whether the account can chat at all.</summary>
internal static class AccountStates
{
    public static AccountState FromCode(int code) => code switch
    {
        1000 => AccountState.Available,
        1014 => AccountState.TemporarilyUnavailable,
        1016 => AccountState.SignedOut,
        1021 => AccountState.AccountRejected,
        1033 => AccountState.Untrusted,
        1040 or 1042 => AccountState.TermsPending,
        1054 => AccountState.BlockedByGuardian,
        1057 => AccountState.ApprovalRequired,
        1060 => AccountState.RegionBlocked,
        _ => AccountState.Unknown,
    };

    /// <summary>1000 and 1033 (untrusted: "some features") still chat; everything else does not (§7, §15).</summary>
    public static bool IsUsable(int code) => code is 1000 or 1033;
}
