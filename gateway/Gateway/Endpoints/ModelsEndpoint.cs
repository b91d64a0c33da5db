using BridgeEngine.Client;
using BridgeEngine.Features.Models;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary><c>GET /api/models</c>: the models this account can use, from the otAQ7b probe (protocol §9.3).</summary>
public sealed class ModelsEndpoint : IBridgeOperation
{
    private readonly AccountModelsClient _models;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public ModelsEndpoint(AccountModelsClient models, EnvelopeWriter envelope, IOptionsMonitor<GatewayOptions> options)
    {
        _models = models;
        _envelope = envelope;
        _options = options;
    }

    public string Name => "models";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var list = await _models.ListAsync(call, context.RequestAborted);
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        await _envelope.WriteSuccessAsync(context, list, AccountFeaturesJsonContext.Default.AccountModelList);
    }
}
