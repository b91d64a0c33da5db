using BridgeEngine.Contracts;
using Gateway.Policies.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.BruteForce;

/// <summary>
/// Failure counts and blocks (per replica, in memory) on two axes:
/// <list type="bullet">
/// <item>per presented credential, under a keyed hash (HMAC with a per-process random key; the value is never
/// kept): the same wrong key or the same malformed cookie retried is refused, and only that value is;</item>
/// <item>per (client address, tenant) pair, the tenant being the one of a valid key or <see cref="NoTenant"/>:
/// guessing keys slows down and then blocks the address for callers without a valid key, and a tenant's own
/// malformed cookies slow down and block that tenant on that address, nobody else.</item>
/// </list>
/// </summary>
public sealed partial class BruteForceGuard
{
    /// <summary>The pair's tenant for requests that carry no valid key.</summary>
    public const string NoTenant = "-";

    private readonly FailureCounter _credentials = new();
    private readonly FailureCounter _pairs = new();
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<BruteForceOptions> _options;
    private readonly CredentialFingerprint _fingerprint;
    private readonly ILogger<BruteForceGuard> _logger;

    public BruteForceGuard(TimeProvider time, IOptionsMonitor<BruteForceOptions> options, CredentialFingerprint fingerprint, ILogger<BruteForceGuard> logger)
    {
        _time = time;
        _options = options;
        _fingerprint = fingerprint;
        _logger = logger;
    }

    public bool Enabled => _options.CurrentValue.Enabled;

    /// <summary>False while no credential has failed: the hot path then hashes nothing.</summary>
    public bool CountsCredentials => !_credentials.IsEmpty;

    /// <summary>The time left of a block on this exact credential value; hashed only when anything is counted at all.</summary>
    public TimeSpan? CredentialBlockedFor(string? credential)
    {
        if (credential is null || _credentials.IsEmpty || !Enabled)
        {
            return null;
        }

        var options = _options.CurrentValue;
        return _credentials.Read(_fingerprint.Of(credential), _time.GetUtcNow(), options.Window).BlockedFor;
    }

    /// <summary>The verdict for a (client address, tenant) pair: blocked, slowed down by its own failures, or pass.</summary>
    public GuardVerdict Check(string clientIp, string tenant)
    {
        if (_pairs.IsEmpty || !Enabled)
        {
            return GuardVerdict.Pass;
        }

        var options = _options.CurrentValue;
        var (failures, blocked) = _pairs.Read(PairKey(clientIp, tenant), _time.GetUtcNow(), options.Window);
        if (blocked is { } left)
        {
            return new GuardVerdict(TimeSpan.Zero, left);
        }

        if (failures < options.SlowDownAfter)
        {
            return GuardVerdict.Pass;
        }

        var delay = options.SlowDownStep * (failures - options.SlowDownAfter + 1);
        return new GuardVerdict(delay < options.MaxSlowDown ? delay : options.MaxSlowDown, null);
    }

    /// <summary>Counts a failed credential for its pair and, when one was presented, for that credential.</summary>
    public void RecordFailure(string clientIp, string tenant, string? credential, string credentialKind)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_pairs.Record(PairKey(clientIp, tenant), now, options))
        {
            Log.PairBlocked(_logger, clientIp, tenant, options.BlockFor.TotalSeconds);
        }

        if (credential is not null)
        {
            var fingerprint = _fingerprint.Of(credential);
            if (_credentials.Record(fingerprint, now, options))
            {
                Log.CredentialBlocked(_logger, credentialKind, fingerprint[..8], options.BlockFor.TotalSeconds);
            }
        }
    }

    private static string PairKey(string clientIp, string tenant) => string.Concat(clientIp, "|", tenant);

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.BruteForceGuardBlocked, LogLevel.Warning, "Client {ClientIp} blocked for tenant {TenantId} for {BlockSeconds} s after repeated credential failures")]
        public static partial void PairBlocked(ILogger logger, string clientIp, string tenantId, double blockSeconds);

        [LoggerMessage(LogEventIds.BruteForceGuardCredentialBlocked, LogLevel.Warning, "One {CredentialKind} value (fingerprint {Fingerprint}) blocked for {BlockSeconds} s after repeated failures")]
        public static partial void CredentialBlocked(ILogger logger, string credentialKind, string fingerprint, double blockSeconds);
    }
}
