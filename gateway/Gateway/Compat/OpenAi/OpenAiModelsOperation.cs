using BridgeEngine.Errors;
using BridgeEngine.Features.Models;
using Gateway.ApiDocs;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the account's models in OpenAI's shape.</summary>
internal sealed class OpenAiModelsOperation : CompatModelsOperation
{
    public const string OperationName = "openai.models";
    public const string IdRouteValue = "id";

    public OpenAiModelsOperation(AccountModelsClient models)
        : base(models)
    {
    }

    public override string Name => OperationName;

    public override OperationDoc Describe(string method, string path, string? action) =>
        new("List models", "The account's models in OpenAI's shape.", null, typeof(OpenAiModelList))
        {
            Path = OperationDoc.ExpandCatchAll(path, string.Empty),
            Enveloped = false,
            Also = [new("Get a model", "One of the account's models in OpenAI's shape.", null, typeof(OpenAiModel)) { Path = OperationDoc.ExpandCatchAll(path, "{id}"), IdSuffix = "item", Enveloped = false }],
        };

    protected override string? RequestedId(BridgeCall call) => call.Request.RouteValues[IdRouteValue] as string;

    protected override Task WriteListAsync(BridgeCall call, IReadOnlyList<AccountModel> models) =>
        CompatAnswer.WriteAsync(call.Context, new OpenAiModelList("list", models.Select(Describe).ToArray()), CompatJsonContext.Default.OpenAiModelList);

    protected override Task WriteModelAsync(BridgeCall call, AccountModel model) =>
        CompatAnswer.WriteAsync(call.Context, Describe(model), CompatJsonContext.Default.OpenAiModel);

    protected override RequestRejectedException NotFound(string requested) =>
        new("model", $"The model '{requested}' does not exist for this account.", BridgeErrorCode.NotFound);

    private static OpenAiModel Describe(AccountModel model) => new(CompatModels.PublicId(model), "model", 0, "google");
}
