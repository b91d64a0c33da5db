using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Protocol;
using BridgeEngine.Contracts;

namespace BridgeEngine.Features.Common;

/// <summary>
/// Runs account-scoped batchexecute RPCs (protocol §6) for the account features: gets the cached session,
/// applies the engine's total/idle time budget, and, like chat (§15 row 5), re-bootstraps once when a cached
/// session's token was refused (HTTP 400/401 before the RPC ran, so nothing ran twice).
/// </summary>
public sealed class AccountRpcRunner
{
    private readonly GeminiWebClient _client;
    private readonly BatchExecuteClient _batch;
    private readonly SessionCache _cache;
    private readonly CredentialFingerprint _fingerprint;
    private readonly GeminiTransport _transport;
    private readonly TimeProvider _time;

    public AccountRpcRunner(GeminiWebClient client, BatchExecuteClient batch, SessionCache cache, CredentialFingerprint fingerprint, GeminiTransport transport, TimeProvider time)
    {
        _client = client;
        _batch = batch;
        _cache = cache;
        _fingerprint = fingerprint;
        _transport = transport;
        _time = time;
    }

    public GeminiWebClient Client => _client;

    public GeminiTransport Transport => _transport;

    /// <summary>The session for these cookies (cached); account-status failures throw as for chat.</summary>
    public async Task<GeminiSession> SessionAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        using var timeouts = new UpstreamTimeouts(_transport.Options.Timeouts, _time, cancellationToken);
        try
        {
            return await _client.GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ReferenceEquals(timeouts.Translate(ex), ex))
        {
            throw timeouts.Translate(ex);
        }
    }

    /// <summary>Runs one RPC and returns its decoded payload (null when upstream sent none). The caller disposes it.</summary>
    public async Task<JsonDocument?> ExecuteAsync(UpstreamCall call, BatchCall rpc, string sourcePath, CancellationToken cancellationToken)
    {
        var results = await ExecuteAsync(call, [rpc], sourcePath, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Runs the calls in one batchexecute request; results in call order (null = no payload).</summary>
    public async Task<JsonDocument?[]> ExecuteAsync(UpstreamCall call, IReadOnlyList<BatchCall> rpcs, string sourcePath, CancellationToken cancellationToken)
    {
        using var timeouts = new UpstreamTimeouts(_transport.Options.Timeouts, _time, cancellationToken);
        try
        {
            var session = await _client.GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
            try
            {
                return await _batch.ExecuteAsync(session, call, rpcs, sourcePath, timeouts.Token).ConfigureAwait(false);
            }
            catch (BridgeException ex) when (ex.Code == BridgeErrorCode.GeminiAuthError && ex.UpstreamCode is null && session.FromCache)
            {
                _cache.Invalidate(_fingerprint.Of(call.Credentials.Psid));
                session = await _client.GetSessionAsync(call, timeouts.Token).ConfigureAwait(false);
                return await _batch.ExecuteAsync(session, call, rpcs, sourcePath, timeouts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!ReferenceEquals(timeouts.Translate(ex), ex))
        {
            throw timeouts.Translate(ex);
        }
    }
}
