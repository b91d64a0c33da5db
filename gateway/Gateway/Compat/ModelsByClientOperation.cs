using Gateway.ApiDocs;
using Gateway.Compat.Anthropic;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Endpoints;
using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>
/// <c>GET /v1/models</c> and <c>/v1/models/{id}</c>, which the OpenAI SDKs, the Google Gen AI SDKs (API version
/// <c>v1</c>, their default) and the Anthropic SDKs all call: answered in the Gemini API's shape to Google clients, in
/// Anthropic's to Anthropic clients and in OpenAI's to everyone else (<see cref="ClientKind"/>).
/// </summary>
internal sealed class ModelsByClientOperation : IBridgeOperation
{
    public const string OperationName = "models.by-client";

    private readonly OpenAiModelsOperation _openAi;
    private readonly GeminiModelsOperation _gemini;
    private readonly AnthropicModelsOperation _anthropic;

    public ModelsByClientOperation(OpenAiModelsOperation openAi, GeminiModelsOperation gemini, AnthropicModelsOperation anthropic)
    {
        _openAi = openAi;
        _gemini = gemini;
        _anthropic = anthropic;
    }

    public string Name => OperationName;

    private const string ByClient = " Requests carrying x-goog-api-client or x-goog-api-key (the Google Gen AI SDKs) get the Gemini API's shape; requests carrying anthropic-version (the Anthropic SDKs) get Anthropic's; all others get OpenAI's.";

    public OperationDoc Describe(string method, string path, string? action) =>
        new("List models", "The account's models." + ByClient, null, typeof(OpenAiModelList))
        {
            Path = OperationDoc.ExpandCatchAll(path, string.Empty),
            Enveloped = false,
            AlternativeResponseData = typeof(GeminiApiModelList),
            Also =
            [
                new("Get a model", "One of the account's models." + ByClient, null, typeof(OpenAiModel))
                {
                    Path = OperationDoc.ExpandCatchAll(path, "{id}"),
                    IdSuffix = "item",
                    Enveloped = false,
                    AlternativeResponseData = typeof(GeminiApiModel),
                    Parameters = [ParameterDoc.PathValue("id", "A model id from the list.", "gemini-3-flash")],
                },
            ],
        };

    public Task HandleAsync(BridgeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        IBridgeOperation operation = ClientKind.Of(call.Request) switch
        {
            ClientFamily.Google => _gemini,
            ClientFamily.Anthropic => _anthropic,
            _ => _openAi,
        };
        return operation.HandleAsync(call);
    }
}
