using BridgeEngine.Features.Models;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary><c>GET /api/models</c>: the models this account can use, from the otAQ7b probe (protocol §9.3).</summary>
internal sealed class ModelsEndpoint : IBridgeOperation
{
    private readonly AccountModelsClient _models;
    private readonly EnvelopeWriter _envelope;

    public ModelsEndpoint(AccountModelsClient models, EnvelopeWriter envelope)
    {
        _models = models;
        _envelope = envelope;
    }

    public string Name => "models";

    public OperationDoc Describe(string method, string path, string? action) =>
        new("List models", "The models this Gemini account can use, discovered from upstream (friendly names, ids, capabilities).", null, typeof(AccountModelList));

    public async Task HandleAsync(BridgeCall call)
    {
        var list = await _models.ListAsync(call.Upstream, call.Aborted);
        await _envelope.WriteDataAsync(call, list, AccountFeaturesJsonContext.Default.AccountModelList);
    }
}
