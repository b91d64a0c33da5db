using BridgeEngine.Diagnostics;
using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Protocol;
using Microsoft.Extensions.Logging;

namespace BridgeEngine.Features.Quota;

/// <summary>
/// Account status, tier and usage (protocol §7, §9.3, §14). Only the status is solid; the quota RPCs are run one
/// request each, so a failing one leaves its fields unknown instead of failing the answer.
/// </summary>
public sealed partial class AccountQuotaClient
{
    /// <summary>§14 [LEE]: qpEbW payloads for the Flash family and the Pro / Thinking family.</summary>
    public const string FlashQuotaPayload = "[[[1,11],[2,11],[6,11]]]";
    public const string ProQuotaPayload = "[[[1,4],[6,6],[1,15]]]";

    private readonly AccountRpcRunner _runner;
    private readonly ILogger<AccountQuotaClient> _logger;

    public AccountQuotaClient(AccountRpcRunner runner, ILogger<AccountQuotaClient> logger)
    {
        _runner = runner;
        _logger = logger;
    }

    public async Task<AccountQuota> GetAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        GeminiSession session;
        try
        {
            session = await _runner.SessionAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (BridgeException ex) when (ex.UpstreamCode is int code && code >= 1000)
        {
            // The probe answered, with a status that stops chat (signed out, region, terms...): that is the answer.
            return new AccountQuota
            {
                Status = AccountStates.FromCode(code),
                StatusCode = code,
                Usable = false,
                Given = ["status"],
                Unknown = ["tier", "limitReached", "usageFraction", "resetsAt", "models"],
            };
        }

        var flags = RunAsync(call, RpcIds.AccountStatus, "[]", QuotaParser.ParseTier, cancellationToken);
        var flash = RunAsync(call, RpcIds.Quota, FlashQuotaPayload, QuotaParser.ParseModelQuota, cancellationToken);
        var pro = RunAsync(call, RpcIds.Quota, ProQuotaPayload, QuotaParser.ParseModelQuota, cancellationToken);
        var caps = RunAsync(call, RpcIds.ExtraQuota, "[]", QuotaParser.ParseCaps, cancellationToken);
        await Task.WhenAll(flags, flash, pro, caps).ConfigureAwait(false);

        var given = new List<string> { "status" };
        var unknown = new List<string>();
        var tier = flags.Result.Ok ? flags.Result.Value : null;
        Mark("tier", tier is not null, given, unknown);

        var models = new List<ModelQuota>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in new[] { flash.Result, pro.Result })
        {
            if (part is { Ok: true, Value: { } items })
            {
                models.AddRange(items.Where(i => seen.Add(i.QuotaId)));
            }
        }

        Mark("models", models.Count > 0, given, unknown);

        var usage = caps.Result is { Ok: true, Value: { } c } ? c : new UsageCaps(null, null, null);
        var (blocked, fraction, reset) = (usage.LimitReached, usage.UsageFraction, usage.ResetsAt);
        reset ??= models.Where(m => m.ResetsAt is not null).Select(m => m.ResetsAt).Min();
        Mark("limitReached", blocked is not null, given, unknown);
        Mark("usageFraction", fraction is not null, given, unknown);
        Mark("resetsAt", reset is not null, given, unknown);

        return new AccountQuota
        {
            Status = AccountStates.FromCode(session.AccountStatus),
            StatusCode = session.AccountStatus,
            Usable = AccountStates.IsUsable(session.AccountStatus) && blocked != true,
            Tier = tier,
            LimitReached = blocked,
            UsageFraction = fraction,
            ResetsAt = reset,
            Models = models,
            Given = given,
            Unknown = unknown,
        };
    }

    private static void Mark(string field, bool known, List<string> given, List<string> unknown) => (known ? given : unknown).Add(field);

    private async Task<(bool Ok, T? Value)> RunAsync<T>(UpstreamCall call, string rpcId, string payload, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        try
        {
            using var reply = await _runner.ExecuteAsync(call, new BatchCall(rpcId, payload), "/app", cancellationToken).ConfigureAwait(false);
            return reply is null ? (false, default) : (true, parse(reply.RootElement));
        }
        catch (BridgeException ex)
        {
            // §14: optional data; never fail the answer because a quota RPC failed.
            Log.QuotaRpcFailed(_logger, rpcId, ex.Code.ToString(), ex.UpstreamCode);
            return (false, default);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.AccountQuotaClientQuotaRpcFailed, LogLevel.Information, "Quota RPC {RpcId} failed with {ErrorCode} (upstream code {UpstreamCode}); its fields are reported unknown")]
        public static partial void QuotaRpcFailed(ILogger logger, string rpcId, string errorCode, int? upstreamCode);
    }
}
