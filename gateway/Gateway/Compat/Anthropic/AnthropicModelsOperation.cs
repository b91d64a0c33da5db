using BridgeEngine.Errors;
using BridgeEngine.Features.Models;
using Gateway.ApiDocs;
using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> for Anthropic clients: the account's models in Anthropic's
/// shape. Every model fits on one page, so the paging parameters (<c>limit</c>, <c>after_id</c>, <c>before_id</c>) change nothing.
/// </summary>
internal sealed class AnthropicModelsOperation : CompatModelsOperation
{
    public const string OperationName = "anthropic.models";

    /// <summary>Anthropic's documented value for an unknown release date.</summary>
    private const string UnknownDate = "1970-01-01T00:00:00Z";

    public AnthropicModelsOperation(AccountModelsClient models)
        : base(models)
    {
    }

    public override string Name => OperationName;

    public override OperationDoc Describe(string method, string path, string? action) =>
        new("Anthropic models", "GET /v1/models lists the account's models in Anthropic's shape (to requests carrying anthropic-version); /v1/models/{id} describes one.", null, typeof(AnthropicModelList));

    protected override string? RequestedId(BridgeCall call) => call.Request.RouteValues[OpenAi.OpenAiModelsOperation.IdRouteValue] as string;

    protected override Task WriteListAsync(BridgeCall call, IReadOnlyList<AccountModel> models)
    {
        var data = models.Select(Describe).ToArray();
        var list = new AnthropicModelList(data, HasMore: false, data.FirstOrDefault()?.Id, data.LastOrDefault()?.Id);
        return CompatAnswer.WriteAsync(call.Context, list, CompatJsonContext.Default.AnthropicModelList);
    }

    protected override Task WriteModelAsync(BridgeCall call, AccountModel model) =>
        CompatAnswer.WriteAsync(call.Context, Describe(model), CompatJsonContext.Default.AnthropicModel);

    protected override RequestRejectedException NotFound(string requested) =>
        new("model", $"model: {requested} is not a model of this account.", BridgeErrorCode.NotFound);

    private static AnthropicModel Describe(AccountModel model)
    {
        var id = CompatModels.PublicId(model);
        return new AnthropicModel("model", id, model.DisplayName ?? id, UnknownDate, "active");
    }
}
