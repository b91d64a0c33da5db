using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>Per-request view: the caller's account (from <c>__Secure-1PSID</c>) and the simulator.</summary>
internal sealed class SimRequest
{
    public SimRequest(HttpContext context, SimulatorState state, Uri baseAddress)
    {
        Context = context;
        State = state;
        BaseAddress = baseAddress;
        var cookie = context.Request.Headers.Cookie.ToString();
        HadCookie = cookie.Length > 0;
        Psid = ReadCookie(cookie, "__Secure-1PSID");
        PsidValid = Accounts.AccountIdentity.IsWellFormed(Psid);
        Account = PsidValid ? state.Account(Psid!) : null;
    }

    public HttpContext Context { get; }

    public SimulatorState State { get; }

    public Uri BaseAddress { get; }

    public bool HadCookie { get; }

    public string? Psid { get; }

    public bool PsidValid { get; }

    /// <summary>Null when the PSID is missing or malformed.</summary>
    public AccountBehavior? Account { get; }

    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Set by the §8.1 upload endpoint once the body was read: recorded with the request.</summary>
    public RecordedUpload? Upload { get; set; }

    /// <summary>
    /// Common auth gate of RPCs, generate, uploads and RotateCookies (§3 contract, §15 rows 6 and 13).
    /// Returns the account, or null after writing 401/429.
    /// </summary>
    public async Task<AccountBehavior?> RequireAccountAsync()
    {
        if (Account is null || Account.Scenario is AccountScenario.Revoked or AccountScenario.RedirectLogin)
        {
            await Responses.ErrorPageAsync(Context, StatusCodes.Status401Unauthorized);
            return null;
        }

        if (Account.Scenario == AccountScenario.Blocked)
        {
            await Responses.ErrorPageAsync(Context, StatusCodes.Status429TooManyRequests);
            return null;
        }

        return Account;
    }

    /// <summary>Cookie header parsing: the first <c>name=value</c> pair wins.</summary>
    private static string? ReadCookie(string header, string name)
    {
        foreach (var part in header.Split(';'))
        {
            var trimmed = part.TrimStart();
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && trimmed.AsSpan(0, eq).SequenceEqual(name))
            {
                return trimmed[(eq + 1)..].TrimEnd();
            }
        }

        return null;
    }
}
