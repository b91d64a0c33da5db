using System.Net;
using BridgeEngine.Contracts;
using BridgeEngine.Diagnostics;
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
    /// <summary>§6.4: the one-key settings read [GWA] sends before every generate, upload batch and recovery poll.</summary>
    internal const string WarmUpPayload = "[[[\"bard_activity_enabled\"]]]";

    private readonly GeminiTransport _transport;
    private readonly SessionBootstrapper _bootstrapper;
    private readonly SessionCache _cache;
    private readonly CredentialFingerprint _fingerprint;
    private readonly BatchExecuteClient _batch;
    private readonly BlockReporter _blocks;
    private readonly TimeProvider _time;
    private readonly ILogger<GeminiWebClient> _logger;

    public GeminiWebClient(
        GeminiTransport transport,
        SessionBootstrapper bootstrapper,
        SessionCache cache,
        CredentialFingerprint fingerprint,
        BatchExecuteClient batch,
        BlockReporter blocks,
        TimeProvider time,
        ILogger<GeminiWebClient> logger)
    {
        _transport = transport;
        _bootstrapper = bootstrapper;
        _cache = cache;
        _fingerprint = fingerprint;
        _batch = batch;
        _blocks = blocks;
        _time = time;
        _logger = logger;
    }

    internal GeminiTransport Transport => _transport;

    internal BatchExecuteClient Batch => _batch;

    internal BlockReporter Blocks => _blocks;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Returns the session for these cookies: from the short cache, or by loading the page and probing the
    /// account (one page fetch per identity per cache lifetime).
    /// </summary>
    public async Task<GeminiSession> GetSessionAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var key = _fingerprint.Of(call.Credentials.Psid);
        if (_cache.TryGet(key, out var cached))
        {
            call.Language ??= cached.Language;
            return cached;
        }

        var started = _time.GetTimestamp();
        GeminiSession session;
        try
        {
            session = await _bootstrapper.BootstrapAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ReferenceEquals(_blocks.Observe(ex, call), ex))
        {
            throw _blocks.Observe(ex, call);
        }

        _cache.Set(key, session);
        call.Language ??= session.Language;
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
            var model = ModelResolver.Resolve(request.Model, session, call.ModelAllowList);
            var turn = new ChatTurn(this, timeouts, call, request, model, session);
            await turn.OpenAsync().ConfigureAwait(false);
            return turn;
        }
        catch (Exception ex)
        {
            var translated = _blocks.Observe(timeouts.Translate(ex), call);
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
    /// on <paramref name="call"/>); null means Google kept the current one. A 429 here is a rotation rate limit
    /// ([ISS] #82: /app and StreamGenerate still answered), so it only skips this rotation and pauses nothing.
    /// </summary>
    public async Task<string?> RotateCookiesAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var uri = new Uri(_transport.Options.AccountsBaseUrl, GeminiPaths.RotateCookies);
        using var request = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: false);
        request.Headers.TryAddWithoutValidation("Origin", _transport.Options.AccountsBaseUrl.GetLeftPart(UriPartial.Authority));

        // §4: Content-Type exactly application/json, no charset.
        request.Content = new StringContent(GeminiPaths.RotateCookiesBody, System.Text.Encoding.UTF8);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var response = await _transport.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new BridgeException(BridgeErrorCode.TemporarilyBlocked, "Google rate-limits cookie rotation (RotateCookies answered HTTP 429); the cookie was not rotated and keeps working. Try again in a minute.", GeminiPaths.RotateCookiesMinInterval)
            {
                BlockScope = BlockScope.None,
            };
        }

        GeminiTransport.EnsureSuccess(response, "RotateCookies");
        return call.RotatedPsidts;
    }

    /// <summary>§6.4: the warm-up read before a generate or a recovery poll; its answer and failures are ignored.</summary>
    internal async Task WarmUpAsync(UpstreamCall call, GeminiSession session, CancellationToken cancellationToken)
    {
        if (!_transport.Options.Protocol.WarmUp)
        {
            return;
        }

        try
        {
            var results = await _batch.ExecuteAsync(session, call, [new BatchCall(RpcIds.Activity, WarmUpPayload)], "/app", cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                result?.Dispose();
            }
        }
        catch (Exception ex) when (ex is BridgeException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.WarmUpFailed(_logger, ex is BridgeException bridge ? bridge.Code.ToString() : ex.GetType().Name);
        }
    }

    /// <summary>Sends one StreamGenerate; the response is the caller's. §15 row 5 (stale cached token) is handled here.</summary>
    internal async Task<HttpResponseMessage> SendGenerateAsync(UpstreamCall call, ChatRequest request, GeminiModel? model, GeminiSession session, UpstreamTimeouts timeouts, Action<GeminiSession> sessionChanged)
    {
        await WarmUpAsync(call, session, timeouts.Token).ConfigureAwait(false);
        var response = await SendGenerateOnceAsync(call, request, model, session, timeouts).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && session.FromCache)
        {
            // §15 row 5: a stale cached token gives HTTP 400; bootstrap afresh once and retry once. The
            // request was refused, so it did not run twice.
            response.Dispose();
            _cache.Invalidate(_fingerprint.Of(call.Credentials.Psid));
            session = await GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
            sessionChanged(session);
            response = await SendGenerateOnceAsync(call, request, model, session, timeouts).ConfigureAwait(false);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendGenerateOnceAsync(UpstreamCall call, ChatRequest request, GeminiModel? model, GeminiSession session, UpstreamTimeouts timeouts)
    {
        var protocol = _transport.Options.Protocol;
        var requestUuid = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var inner = GeneratePayloadBuilder.BuildInner(request, session.Language, requestUuid, model?.ModelNumber, protocol.Payload);
        var uri = new Uri(_transport.AppBase(call), $"{GeminiPaths.StreamGenerate}?{_transport.CommonQuery(session)}");
        var message = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: true);
        if (model is not null)
        {
            // §5.1: no model means none of the three model headers ([GWA]).
            foreach (var (name, value) in ModelHeaderBuilder.Build(protocol.ModelHeader, model.Id, session.Capacity, model.ModelNumber, request.ExtendedThinking, requestUuid))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation(ModelHeaderBuilder.RequestUuidHeader, ModelHeaderBuilder.BuildRequestUuidHeader(requestUuid));
        message.Content = GeneratePayloadBuilder.BuildForm(session.AccessToken, inner.WrittenSpan);

        var started = _time.GetTimestamp();
        try
        {
            var response = await _transport.SendAsync(message, call, timeouts.Token).ConfigureAwait(false);
            timeouts.ResetIdle();
            Log.GenerateAccepted(_logger, (int)response.StatusCode, _time.GetElapsedTime(started).TotalMilliseconds);
            return response;
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

        [LoggerMessage(LogEventIds.GeminiWebClientWarmUpFailed, LogLevel.Debug, "The ESY5D warm-up failed ({Reason}); the generate goes ahead")]
        public static partial void WarmUpFailed(ILogger logger, string reason);
    }
}
