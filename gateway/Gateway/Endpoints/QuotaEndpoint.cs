using BridgeEngine.Client;
using BridgeEngine.Features.Quota;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// <c>GET /api/quota</c>: account status, tier and usage, best effort (protocol §7, §9.3, §14). A failing quota RPC
/// leaves its fields unknown; only a failure to reach the account at all fails the answer.
/// </summary>
public sealed class QuotaEndpoint : IBridgeOperation
{
    private readonly AccountQuotaClient _quota;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public QuotaEndpoint(AccountQuotaClient quota, EnvelopeWriter envelope, IOptionsMonitor<GatewayOptions> options)
    {
        _quota = quota;
        _envelope = envelope;
        _options = options;
    }

    public string Name => "quota";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var quota = await _quota.GetAsync(call, context.RequestAborted);
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        context.Response.Headers.CacheControl = "no-store";
        await _envelope.WriteSuccessAsync(context, quota, AccountFeaturesJsonContext.Default.AccountQuota);
    }
}
