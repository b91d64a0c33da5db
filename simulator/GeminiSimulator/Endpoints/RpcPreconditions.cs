using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>Checks shared by StreamGenerate and batchexecute (§2.2, §2.3, §3); HTTP 400 when violated.</summary>
internal static class RpcPreconditions
{
    /// <summary>Returns the <c>f.req</c> text, or null after writing 400.</summary>
    public static async Task<string?> CheckAsync(SimRequest request, AccountBehavior account, bool isGenerate)
    {
        var http = request.Context.Request;

        // §2.3: rt=c selects the chunked framing and _reqid is always sent; ignore bl, f.sid, hl, pageId, source-path.
        var reqIdOk = long.TryParse(http.Query["_reqid"].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _);
        if (http.Query["rt"].ToString() != "c" || !reqIdOk)
        {
            await BadRequestAsync(request);
            return null;
        }

        // §2.2: X-Same-Domain: 1 and a form body.
        if (http.Headers["X-Same-Domain"].ToString() != "1" || !http.HasFormContentType ||
            !(http.ContentType ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await BadRequestAsync(request);
            return null;
        }

        var form = await http.ReadFormAsync(request.Aborted);
        var at = form["at"].ToString();
        if (!AccessTokenAccepted(account, at, isGenerate))
        {
            await BadRequestAsync(request);
            return null;
        }

        var freq = form["f.req"].ToString();
        if (string.IsNullOrEmpty(freq))
        {
            await BadRequestAsync(request);
            return null;
        }

        return freq;
    }

    public static Task BadRequestAsync(SimRequest request) =>
        Responses.ErrorPageAsync(request.Context, StatusCodes.Status400BadRequest);

    /// <summary>
    /// §3 / NOTE-A: the account's own token is always accepted (it is session scoped, so it keeps working in
    /// NoToken); anything else is 400, except that a NoToken account may call batchexecute with an empty
    /// token so otAQ7b can report 1016.
    /// </summary>
    private static bool AccessTokenAccepted(AccountBehavior account, string at, bool isGenerate)
    {
        if (at == account.AccessToken)
        {
            return true;
        }

        return !isGenerate && at.Length == 0 && account.Scenario == AccountScenario.NoToken;
    }
}
