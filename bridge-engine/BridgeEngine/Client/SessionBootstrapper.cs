using System.Net;
using System.Text;
using System.Text.Json;
using BridgeEngine.Errors;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Loads the app page and probes the account (protocol §1 steps 1-2, §3 recommendation, §7). Expired or
/// signed-out cookies can still load a page and chat as a guest (§3, [ISS] #297); this is where that is
/// caught, so a guest answer is never presented as the caller's.
/// </summary>
public sealed class SessionBootstrapper
{
    private const int MaxRedirects = 5;
    private const int MaxPageBytes = 8 * 1024 * 1024;

    private readonly GeminiTransport _transport;
    private readonly BatchExecuteClient _batch;

    public SessionBootstrapper(GeminiTransport transport, BatchExecuteClient batch)
    {
        _transport = transport;
        _batch = batch;
    }

    public async Task<GeminiSession> BootstrapAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        if (_transport.Options.Protocol.Preflight)
        {
            await PreflightAsync(call, cancellationToken).ConfigureAwait(false);
        }

        var page = await LoadPageAsync(call, cancellationToken).ConfigureAwait(false);
        if (page.Language is not { Length: > 0 })
        {
            // The page names no language (TuX5cc): hl and the payload's language slot use the configured one.
            page = page with { Language = _transport.Options.DefaultLanguage };
        }

        var provisional = new GeminiSession(page, GeminiReplyPaths.AccountStatusWhenNull, [], FromCache: false);
        var (status, models, capacity) = await ProbeAccountAsync(provisional, call, cancellationToken).ConfigureAwait(false);

        // §3 step 3 and §7: status 1016 means the cookies were not honoured, with or without a token on the page.
        if (UpstreamErrorMapper.FromAccountStatus(status) is { } failure)
        {
            throw failure;
        }

        return provisional with { AccountStatus = status, Models = models, Capacity = capacity };
    }

    /// <summary>
    /// §3: [GWA] first loads www.google.com with an empty jar and, on 200, keeps what it set (NID, consent) for the
    /// rest of the session. [LEE] has no preflight and works; no source says NID is required. Failures are ignored.
    /// </summary>
    private async Task PreflightAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var scratch = new UpstreamCall(call.Credentials) { AppBaseUrl = call.AppBaseUrl, Language = call.Language };
        try
        {
            using var request = _transport.CreateRequest(HttpMethod.Get, _transport.Options.PreflightBaseUrl, scratch, formPost: false, sessionCookies: false);
            using var response = await _transport.SendAsync(request, scratch, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                CookieHeader.Capture(response.Headers, call);
            }
        }
        catch (Exception ex) when (ex is BridgeException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Optional by design: the app page decides.
        }
    }

    private async Task<PageValues> LoadPageAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var uri = new Uri(_transport.AppBase(call), GeminiPaths.AppPage);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = _transport.CreateRequest(HttpMethod.Get, uri, call, formPost: false);
            using var response = await _transport.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
            if (RedirectClassifier.IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location;
                if (RedirectClassifier.Classify(location, "the app page") is { } failure)
                {
                    throw failure;
                }

                if (location is null)
                {
                    throw new BridgeException(BridgeErrorCode.ApiError, "Gemini redirected the app page without a location.");
                }

                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }

            GeminiTransport.EnsureSuccess(response, "the app page");
            var html = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (html.Contains("unusual traffic", StringComparison.OrdinalIgnoreCase))
            {
                throw UpstreamErrorMapper.Blocked("Gemini served its unusual-traffic page.");
            }

            var values = PageValues.Scrape(html);
            if (values.AccessToken is null && RedirectClassifier.IsSignInPath(html))
            {
                throw new BridgeException(BridgeErrorCode.GeminiAuthError, "Google served its sign-in page: the Gemini cookies are expired or revoked.");
            }

            if (!values.HasAnyValue)
            {
                throw UpstreamErrorMapper.Malformed("the app page holds none of the expected values");
            }

            return values;
        }

        throw new BridgeException(BridgeErrorCode.ApiError, "Gemini redirected the app page too many times.");
    }

    private async Task<(int Status, IReadOnlyList<GeminiModel> Models, AccountCapacity Capacity)> ProbeAccountAsync(GeminiSession session, UpstreamCall call, CancellationToken cancellationToken)
    {
        JsonDocument?[] results;
        try
        {
            results = await _batch.ExecuteAsync(session, call, [new BatchCall(RpcIds.AccountStatus, "[]")], "/app", cancellationToken).ConfigureAwait(false);
        }
        catch (BridgeException ex) when (ex.Code == BridgeErrorCode.GeminiAuthError && session.Page.AccessToken is null)
        {
            throw new BridgeException(BridgeErrorCode.GeminiAuthError, "The Gemini page carried no access token and the account probe was refused: the cookies are expired or signed out.", null, ex);
        }

        using var reply = results[0];
        if (reply is null)
        {
            throw UpstreamErrorMapper.Malformed("the account probe returned no payload");
        }

        var (status, models) = AccountStatusParser.Parse(reply.RootElement);
        return (status, models, AccountStatusParser.ParseCapacity(reply.RootElement));
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var memory = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + read > MaxPageBytes)
                {
                    throw UpstreamErrorMapper.Malformed("the app page is too large");
                }

                memory.Write(buffer, 0, read);
            }

            return Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
        }
    }
}
