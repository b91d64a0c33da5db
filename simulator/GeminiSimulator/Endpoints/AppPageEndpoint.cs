using GeminiSimulator.Accounts;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>§3 GET /app (and /u/N/app): the bootstrap page with the WIZ_global_data tokens.</summary>
internal static class AppPageEndpoint
{
    public static async Task HandleAsync(SimRequest request)
    {
        var account = request.Account;
        if (account is null || account.Scenario == AccountScenario.RedirectLogin)
        {
            // §3: the real server sends a missing/expired session to accounts.google.com/ServiceLogin.
            Responses.RedirectToLogin(request.Context, request.BaseAddress);
            return;
        }

        if (account.TakeAppPageStatus() is int status)
        {
            await Responses.ErrorPageAsync(request.Context, status);
            return;
        }

        switch (account.Scenario)
        {
            case AccountScenario.Revoked:
                await Responses.ErrorPageAsync(request.Context, StatusCodes.Status401Unauthorized);
                return;
            case AccountScenario.Blocked:
                Responses.RedirectToSorry(request.Context, request.BaseAddress);
                return;
            default:
                await Responses.HtmlAsync(request.Context, StatusCodes.Status200OK, Page(account));
                return;
        }
    }

    private static string Page(AccountBehavior account)
    {
        var globals = "\"cfb2h\":\"" + AccountIdentity.BuildLabel + "\", \"FdrFJe\":\"" + account.SessionId + "\", \"qKIAYe\":\"" + AccountIdentity.PushId + "\"";
        if (account.Scenario != AccountScenario.NoToken)
        {
            globals += ", \"SNlM0e\":\"" + account.AccessToken + "\", \"TuX5cc\":\"en\"";
        }

        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Gemini</title></head><body>\n" +
               "<script nonce=\"sim\">window.WIZ_global_data = {" + globals + "};</script>\n" +
               "<div id=\"app-root\"></div>\n" +
               "</body></html>\n";
    }
}
