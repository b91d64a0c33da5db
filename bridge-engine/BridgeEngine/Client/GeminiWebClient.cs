using BridgeEngine.Diagnostics;
using System.Net;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Protocol;
using Microsoft.Extensions.Logging;

namespace BridgeEngine.Client;

/// <summary>
/// The bridge engine's front: turns a normalized request into Gemini web calls (bootstrap, account probe,
/// StreamGenerate, RotateCookies). It never sees HttpContext; the gateway shapes what it returns.
/// </summary>
public sealed partial class GeminiWebClient
{
    private readonly GeminiTransport _transport;
    private readonly SessionBootstrapper _bootstrapper;
    private readonly SessionCache _cache;
    private readonly CredentialFingerprint _fingerprint;
    private readonly TimeProvider _time;
    private readonly ILogger<GeminiWebClient> _logger;

    public GeminiWebClient(
        GeminiTransport transport,
        SessionBootstrapper bootstrapper,
        SessionCache cache,
        CredentialFingerprint fingerprint,
        TimeProvider time,
        ILogger<GeminiWebClient> logger)
    {
        _transport = transport;
        _bootstrapper = bootstrapper;
        _cache = cache;
        _fingerprint = fingerprint;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Returns the session for these cookies: from the short cache, or by loading the page and probing the
    /// account (one page fetch per identity per cache lifetime).
    /// </summary>
    public async Task<GeminiSession> GetSessionAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var key = _fingerprint.Of(call.Credentials.Psid);
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        var started = _time.GetTimestamp();
        var session = await _bootstrapper.BootstrapAsync(call, cancellationToken).ConfigureAwait(false);
        _cache.Set(key, session);
        Log.SessionBootstrapped(_logger, key[..8], session.AccountStatus, session.Models.Count, session.Page.AccessToken is not null, _time.GetElapsedTime(started).TotalMilliseconds);
        return session;
    }

    /// <summary>
    /// Starts a chat turn and returns once Gemini accepted it (response headers in). Failures before that
    /// throw <see cref="BridgeException"/>; failures while reading come from <see cref="ChatTurn.ReadEventsAsync"/>.
    /// </summary>
    public async Task<ChatTurn> StartChatAsync(UpstreamCall call, ChatRequest request, CancellationToken cancellationToken)
    {
        var timeouts = new UpstreamTimeouts(_transport.Options.Timeouts, _time, cancellationToken);
        try
        {
            var session = await GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
            var (response, model) = await SendGenerateAsync(call, request, session, timeouts).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.BadRequest && session.FromCache)
            {
                // §15 row 5: a stale cached token gives HTTP 400; bootstrap afresh once and retry once. The
                // request was refused, so it did not run twice.
                response.Dispose();
                _cache.Invalidate(_fingerprint.Of(call.Credentials.Psid));
                session = await GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
                (response, model) = await SendGenerateAsync(call, request, session, timeouts).ConfigureAwait(false);
            }

            try
            {
                GeminiTransport.EnsureSuccess(response, "StreamGenerate");
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return new ChatTurn(response, timeouts, call, request.Conversation, model?.Alias ?? model?.Id);
        }
        catch (Exception ex)
        {
            var translated = timeouts.Translate(ex);
            timeouts.Dispose();
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }

    /// <summary>
    /// Protocol §4: asks Google for a fresh __Secure-1PSIDTS. The new value is returned (and also recorded
    /// on <paramref name="call"/>); null means Google kept the current one.
    /// </summary>
    public async Task<string?> RotateCookiesAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var uri = new Uri(_transport.Options.AccountsBaseUrl, GeminiPaths.RotateCookies);
        using var request = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: false);
        request.Headers.TryAddWithoutValidation("Origin", _transport.Options.AccountsBaseUrl.GetLeftPart(UriPartial.Authority));
        request.Content = new StringContent(GeminiPaths.RotateCookiesBody, System.Text.Encoding.UTF8, "application/json");
        using var response = await _transport.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        GeminiTransport.EnsureSuccess(response, "RotateCookies");
        return call.RotatedPsidts;
    }

    private async Task<(HttpResponseMessage Response, GeminiModel? Model)> SendGenerateAsync(
        UpstreamCall call, ChatRequest request, GeminiSession session, UpstreamTimeouts timeouts)
    {
        var model = ModelResolver.Resolve(request.Model, session, call.ModelAllowList);
        var requestUuid = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var inner = GeneratePayloadBuilder.BuildInner(request, session.Language, requestUuid, model?.ModelNumber);
        var uri = new Uri(_transport.AppBase(call), $"{GeminiPaths.StreamGenerate}?{_transport.CommonQuery(session)}");
        var message = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: true);
        if (model is not null)
        {
            message.Headers.TryAddWithoutValidation(ModelHeaderBuilder.ModelHeader, ModelHeaderBuilder.Build(model.Id, model.ModelNumber, request.ExtendedThinking, requestUuid));
            message.Headers.TryAddWithoutValidation(ModelHeaderBuilder.ExtHeader73010989, "[0]");
        }

        message.Headers.TryAddWithoutValidation(ModelHeaderBuilder.ExtHeader73010990, "[0,0,0]");
        message.Headers.TryAddWithoutValidation(ModelHeaderBuilder.RequestUuidHeader, ModelHeaderBuilder.BuildRequestUuidHeader(requestUuid));
        message.Content = GeneratePayloadBuilder.BuildForm(session.AccessToken, inner);

        var started = _time.GetTimestamp();
        try
        {
            var response = await _transport.SendAsync(message, call, timeouts.Token).ConfigureAwait(false);
            timeouts.ResetIdle();
            Log.GenerateAccepted(_logger, (int)response.StatusCode, _time.GetElapsedTime(started).TotalMilliseconds);
            return (response, model);
        }
        finally
        {
            // The content is fully sent once headers are back; the response owns nothing of the request.
            message.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.GeminiWebClientSessionBootstrapped, LogLevel.Debug, "Gemini session bootstrapped for account {AccountId}: status {AccountStatus}, {ModelCount} models, token on page {HasToken}, {ElapsedMs:0.0} ms")]
        public static partial void SessionBootstrapped(ILogger logger, string accountId, int accountStatus, int modelCount, bool hasToken, double elapsedMs);

        [LoggerMessage(LogEventIds.GeminiWebClientGenerateAccepted, LogLevel.Debug, "StreamGenerate answered HTTP {Status} after {ElapsedMs:0.0} ms")]
        public static partial void GenerateAccepted(ILogger logger, int status, double elapsedMs);
    }
}
