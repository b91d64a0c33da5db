using BridgeEngine.Errors;
using BridgeEngine.Features.Models;
using Gateway.ApiDocs;
using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary><c>GET /v1beta/models</c> and <c>GET /v1beta/models/{model}</c>: the account's models in the Gemini API's shape.</summary>
internal sealed class GeminiModelsOperation : CompatModelsOperation
{
    public const string OperationName = "gemini.models";

    private static readonly string[] Methods = [GeminiModelPath.GenerateContent, GeminiModelPath.StreamGenerateContent];

    public GeminiModelsOperation(AccountModelsClient models)
        : base(models)
    {
    }

    public override string Name => OperationName;

    public override OperationDoc Describe(string method, string path, string? action) =>
        new("List models", "The account's models in the Gemini API's shape (no paging).", null, typeof(GeminiApiModelList))
        {
            Path = OperationDoc.ExpandCatchAll(path, string.Empty),
            Enveloped = false,
            Also =
            [
                new("Get a model", "One of the account's models in the Gemini API's shape.", null, typeof(GeminiApiModel))
                {
                    Path = OperationDoc.ExpandCatchAll(path, "{model}"),
                    IdSuffix = "item",
                    Enveloped = false,
                    Parameters = [ParameterDoc.PathValue("model", "A model id from the list, without models/.", "gemini-3-flash")],
                },
            ],
        };

    protected override string? RequestedId(BridgeCall call) =>
        ((call.Request.RouteValues[GeminiGenerateOperation.RestRouteValue] ?? call.Request.RouteValues[OpenAi.OpenAiModelsOperation.IdRouteValue]) as string)?.Trim('/');

    protected override Task WriteListAsync(BridgeCall call, IReadOnlyList<AccountModel> models) =>
        CompatAnswer.WriteAsync(call.Context, new GeminiApiModelList(models.Select(Describe).ToArray()), CompatJsonContext.Default.GeminiApiModelList);

    protected override Task WriteModelAsync(BridgeCall call, AccountModel model) =>
        CompatAnswer.WriteAsync(call.Context, Describe(model), CompatJsonContext.Default.GeminiApiModel);

    protected override RequestRejectedException NotFound(string requested) =>
        new("name", $"models/{requested} is not found for this account.", BridgeErrorCode.NotFound);

    private static GeminiApiModel Describe(AccountModel model)
    {
        var id = CompatModels.PublicId(model);
        return new GeminiApiModel("models/" + id, id, model.DisplayName ?? id, model.Description, Methods, model.Capabilities.Thinking);
    }
}
