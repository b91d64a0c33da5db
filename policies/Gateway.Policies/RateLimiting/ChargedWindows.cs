namespace Gateway.Policies.RateLimiting;

/// <summary>
/// Set when the IP step already charged the key and tenant windows with its own (one Redis round trip for all):
/// the key step answers from it instead of asking again.
/// </summary>
internal sealed class ChargedWindows(WindowVerdict verdict, int keyAt, int tenantAt)
{
    public WindowVerdict Verdict { get; } = verdict;

    public int KeyAt { get; } = keyAt;

    public int TenantAt { get; } = tenantAt;
}
