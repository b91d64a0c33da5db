using BridgeEngine.Features.Quota;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary><c>GET /api/quota</c>: account status, tier and per-model usage as far as upstream exposes them (protocol §9.4).</summary>
internal sealed class QuotaEndpoint : IBridgeOperation
{
    private readonly AccountQuotaClient _quota;
    private readonly EnvelopeWriter _envelope;

    public QuotaEndpoint(AccountQuotaClient quota, EnvelopeWriter envelope)
    {
        _quota = quota;
        _envelope = envelope;
    }

    public string Name => "quota";

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Account quota", "Account status, tier and usage per model as far as upstream exposes them; fields upstream does not expose are reported unknown.", null, typeof(AccountQuota));

    public async Task HandleAsync(BridgeCall call)
    {
        var quota = await _quota.GetAsync(call.Upstream, call.Aborted);
        await _envelope.WriteDataAsync(call, quota, AccountFeaturesJsonContext.Default.AccountQuota);
    }
}
