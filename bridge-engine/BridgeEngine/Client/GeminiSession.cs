using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// What a bootstrap learned about one cookie identity: page values and the account probe's answer.
/// Holds no cookie, so it may be cached (keyed by a keyed hash of the cookie).
/// </summary>
public sealed record GeminiSession(PageValues Page, int AccountStatus, IReadOnlyList<GeminiModel> Models, bool FromCache)
{
    public string AccessToken => Page.AccessToken ?? string.Empty;

    /// <summary>§9.3: the model header capacity this account needs (a wrong one silently serves Flash, §9.1).</summary>
    public AccountCapacity Capacity { get; init; } = AccountCapacity.Free;

    public string Language => Page.Language is { Length: > 0 } hl ? NormalizeLanguage(hl) : "en";

    /// <summary>§3 [NOTE-A]: normalize en-US to en.</summary>
    private static string NormalizeLanguage(string hl)
    {
        var dash = hl.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? hl[..dash] : hl;
    }
}
