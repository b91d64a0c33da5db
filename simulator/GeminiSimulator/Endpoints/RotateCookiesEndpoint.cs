using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>§4 POST /RotateCookies: 200 + a fresh <c>__Secure-1PSIDTS</c> cookie, 401 for revoked cookies.</summary>
internal static class RotateCookiesEndpoint
{
    /// <summary>§4: the literal body [GWA] sends (not valid JSON because of the leading zeros).</summary>
    public const string ExpectedBody = "[000,\"-0000000000000000000\"]";

    public static async Task HandleAsync(SimRequest request)
    {
        var account = await request.RequireAccountAsync();
        if (account is null)
        {
            return;
        }

        using var reader = new StreamReader(request.Context.Request.Body);
        var body = await reader.ReadToEndAsync(request.Aborted);
        if (body.Trim() != ExpectedBody)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        if (account.RotateRateLimited)
        {
            await Responses.ErrorPageAsync(request.Context, StatusCodes.Status429TooManyRequests);
            return;
        }

        if (account.DeviceBoundCookies)
        {
            // §4 [DBSC]: only RotateBoundCookies (with a device-key signature) issues __Secure-1PSIDTS.
            foreach (var name in new[] { "SIDCC", "__Secure-1PSIDCC", "__Secure-3PSIDCC" })
            {
                request.Context.Response.Headers.Append("Set-Cookie", name + "=sim-" + SimulatorState.Hex(8) + "; Domain=.google.com; Path=/; Secure");
            }

            await Responses.TextAsync(request.Context, StatusCodes.Status200OK, string.Empty);
            return;
        }

        AppendPsidts(request.Context, account);
        await Responses.TextAsync(request.Context, StatusCodes.Status200OK, string.Empty);
    }

    /// <summary>The Set-Cookie of §4, with an increasing per-account counter.</summary>
    public static void AppendPsidts(HttpContext context, AccountBehavior account) =>
        context.Response.Headers.Append(
            "Set-Cookie",
            "__Secure-1PSIDTS=sidts-SIM-" + account.NextPsidts().ToString(System.Globalization.CultureInfo.InvariantCulture) + "; Domain=.google.com; Path=/; Secure; HttpOnly");
}
