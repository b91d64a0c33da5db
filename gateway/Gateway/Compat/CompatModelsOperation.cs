using BridgeEngine.Features.Models;
using Gateway.ApiDocs;
using Gateway.Endpoints;
using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>
/// A compatible surface's model list and model lookup: the account's models (otAQ7b probe) written in the surface's
/// own shape. Listing and finding are the same for every surface; only the shapes differ.
/// </summary>
internal abstract class CompatModelsOperation : IBridgeOperation
{
    private readonly AccountModelsClient _models;

    protected CompatModelsOperation(AccountModelsClient models)
    {
        _models = models;
    }

    public abstract string Name { get; }

    public abstract OperationDoc Describe(string method, string path, string? action);

    public async Task HandleAsync(BridgeCall call)
    {
        var list = await _models.ListAsync(call.Upstream, call.Aborted);
        var requested = RequestedId(call);
        if (string.IsNullOrEmpty(requested))
        {
            await WriteListAsync(call, list.Models);
            return;
        }

        var model = CompatModels.Find(list, requested) ?? throw NotFound(CompatJson.Safe(requested));
        await WriteModelAsync(call, model);
    }

    /// <summary>The model the path names; null or empty for the list.</summary>
    protected abstract string? RequestedId(BridgeCall call);

    protected abstract Task WriteListAsync(BridgeCall call, IReadOnlyList<AccountModel> models);

    protected abstract Task WriteModelAsync(BridgeCall call, AccountModel model);

    /// <param name="requested">The requested id, already made safe to show.</param>
    protected abstract RequestRejectedException NotFound(string requested);
}
