using System.Diagnostics;
using System.Globalization;
using System.Net;
using BridgeEngine.Diagnostics;
using BridgeEngine.Errors;
using BridgeEngine.Protocol;
using Microsoft.Extensions.Options;
using BridgeEngine.Contracts;

namespace BridgeEngine.Client;

/// <summary>
/// Sends one upstream HTTP request with the headers every Gemini web call carries (protocol §2.2) and
/// classifies the response status: blocks, expired cookies and other failures become <see cref="BridgeException"/>.
/// </summary>
public sealed class GeminiTransport
{
    public const string HttpClientName = "GeminiWeb";

    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<GeminiWebOptions> _options;
    private readonly BridgeTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly CredentialFingerprint _fingerprint;

    public GeminiTransport(IHttpClientFactory clients, IOptionsMonitor<GeminiWebOptions> options, RequestIdSequence requestIds, BridgeTelemetry telemetry, TimeProvider time, CredentialFingerprint fingerprint)
    {
        _fingerprint = fingerprint;
        _clients = clients;
        _options = options;
        RequestIds = requestIds;
        _telemetry = telemetry;
        _time = time;
    }

    public RequestIdSequence RequestIds { get; }

    public GeminiWebOptions Options => _options.CurrentValue;

    public Uri AppBase(UpstreamCall call) => call.AppBaseUrl ?? Options.AppBaseUrl;

    /// <summary>
    /// A request with the one client identity of protocol §2.6 (User-Agent, Accept-Language matching hl, client
    /// hints only as a full matching set), the form-post headers of §2.2 and the cookies of §2.1.
    /// </summary>
    /// <param name="sessionCookies">False only for the §3 preflight, sent with an empty jar.</param>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, UpstreamCall call, bool formPost, bool sessionCookies = true)
    {
        var options = Options;
        var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        headers.TryAddWithoutValidation("Accept-Language", AcceptLanguage(call.Language ?? options.DefaultLanguage));
        if (options.ClientIdentity.ClientHints)
        {
            headers.TryAddWithoutValidation("sec-ch-ua", options.ClientIdentity.SecChUa);
            headers.TryAddWithoutValidation("sec-ch-ua-mobile", "?0");
            headers.TryAddWithoutValidation("sec-ch-ua-platform", options.ClientIdentity.SecChUaPlatform);
        }

        if (formPost)
        {
            var origin = AppBase(call).GetLeftPart(UriPartial.Authority);
            headers.TryAddWithoutValidation("Origin", origin);
            headers.TryAddWithoutValidation("Referer", origin + "/");
            headers.TryAddWithoutValidation("X-Same-Domain", "1");
        }

        CookieHeader.Apply(request, call, sessionCookies, SharesGoogleJar(uri, call));
        return request;
    }

    /// <summary>§2.3 [NOTE-A]: hl is a bare language; the browser's Accept-Language names the region form first.</summary>
    private static string AcceptLanguage(string hl) => hl == "en" ? "en-US,en;q=0.9" : hl + ",en;q=0.8";

    /// <summary>§2.1: server-set cookies travel on *.google.com calls (the app, accounts and preflight hosts), not to the upload host.</summary>
    private bool SharesGoogleJar(Uri uri, UpstreamCall call)
    {
        var options = Options;
        return uri.Host.EndsWith(".google.com", StringComparison.OrdinalIgnoreCase)
            || SameOrigin(uri, AppBase(call)) || SameOrigin(uri, options.AccountsBaseUrl) || SameOrigin(uri, options.PreflightBaseUrl);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    /// <summary>Query string shared by StreamGenerate and batchexecute (protocol §2.3).</summary>
    public string CommonQuery(GeminiSession session)
    {
        var query = new System.Text.StringBuilder(160);
        if (session.Page.BuildLabel is { Length: > 0 } bl)
        {
            query.Append("bl=").Append(Uri.EscapeDataString(bl)).Append('&');
        }

        if (session.Page.SessionId is { Length: > 0 } sid)
        {
            query.Append("f.sid=").Append(Uri.EscapeDataString(sid)).Append('&');
        }

        query.Append("hl=").Append(Uri.EscapeDataString(session.Language))
            .Append("&_reqid=").Append(RequestIds.Next().ToString(CultureInfo.InvariantCulture))
            .Append("&rt=c");
        return query.ToString();
    }

    /// <summary>
    /// Sends up to the response headers (the body is read by the caller, so a long stream is never cut by the
    /// HTTP pipeline's per-attempt timeout). The request is marked with its operation and idempotency first, so
    /// the resilience handler knows what it may retry; one span and one measurement per call, with no URL
    /// query, header or body in either.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, UpstreamCall call, CancellationToken cancellationToken)
    {
        var operation = UpstreamRequestOptions.Mark(request);
        request.Options.Set(UpstreamRequestOptions.Account, call.AccountKey(_fingerprint));
        var authority = request.RequestUri?.Authority ?? string.Empty;
        using var activity = BridgeTelemetry.StartUpstream(operation, request.RequestUri!);
        var started = _time.GetTimestamp();
        var client = _clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            Record(activity, operation, authority, null, "unreachable", started);
            throw new BridgeException(BridgeErrorCode.ApiError, "The bridge could not reach Gemini.", null, ex);
        }
        catch (BridgeException ex)
        {
            // The resilience handler answers for upstream at once while its circuit is open.
            Record(activity, operation, authority, null, "circuit_open", started);
            activity?.SetTag(BridgeTelemetry.ErrorCodeTag, ex.Code.ToString());
            throw;
        }
        catch (OperationCanceledException)
        {
            Record(activity, operation, authority, null, "cancelled", started);
            throw;
        }

        var status = (int)response.StatusCode;
        Record(activity, operation, authority, status, OutcomeOf(response.StatusCode), started);
        CookieHeader.Capture(response.Headers, call);
        return response;
    }

    private void Record(Activity? activity, string operation, string authority, int? status, string outcome, long started)
    {
        _telemetry.RecordUpstream(operation, authority, status, outcome, _time.GetElapsedTime(started));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("outcome", outcome);
            if (status is int code)
            {
                activity.SetTag(BridgeTelemetry.StatusCodeTag, code);
            }
        }

        if (outcome is not "ok" and not "redirect")
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    private static string OutcomeOf(HttpStatusCode status) => (int)status switch
    {
        200 => "ok",
        >= 300 and < 400 => "redirect",
        429 => "blocked",
        401 or 403 => "auth",
        >= 500 => "server_error",
        _ => "client_error",
    };

    /// <summary>
    /// Throws the mapped error for anything but 200. Redirects are not followed for POSTs: a redirect to the
    /// block page or to a login page is itself the answer (protocol §3, §15 rows 3 and 13).
    /// </summary>
    public static void EnsureSuccess(HttpResponseMessage response, string endpoint)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return;
        }

        if (RedirectClassifier.IsRedirect(response.StatusCode))
        {
            throw RedirectClassifier.Classify(response.Headers.Location, endpoint)
                ?? new BridgeException(BridgeErrorCode.ApiError, $"Gemini redirected {endpoint} unexpectedly.");
        }

        throw UpstreamErrorMapper.FromHttpStatus(response.StatusCode, endpoint);
    }
}
