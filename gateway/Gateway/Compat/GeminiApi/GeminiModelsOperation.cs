using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Models;
using Gateway.Endpoints;
using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.GeminiApi;

/// <summary><c>GET /v1beta/models</c> and <c>GET /v1beta/models/{model}</c>: the account's models (otAQ7b probe) in the Gemini API's shape.</summary>
public sealed class GeminiModelsOperation : IBridgeOperation
{
    public const string OperationName = "gemini.models";

    private static readonly string[] Methods = [GeminiModelPath.GenerateContent, GeminiModelPath.StreamGenerateContent];

    private readonly AccountModelsClient _models;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public GeminiModelsOperation(AccountModelsClient models, IOptionsMonitor<GatewayOptions> options)
    {
        _models = models;
        _options = options;
    }

    public string Name => OperationName;

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
            var list = await _models.ListAsync(call, context.RequestAborted);
            ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
            var requested = (context.Request.RouteValues[GeminiGenerateOperation.RestRouteValue] as string)?.Trim('/');
            if (string.IsNullOrEmpty(requested))
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                var models = list.Models.Select(Describe).ToArray();
                await JsonSerializer.SerializeAsync(context.Response.Body, new GeminiApiModelList(models), CompatJsonContext.Default.GeminiApiModelList, context.RequestAborted);
                return;
            }

            var model = CompatModels.Find(list, requested);
            if (model is null)
            {
                await GeminiErrorWriter.WriteAsync(context, BridgeErrorCode.NotFound, $"models/{CompatJson.Safe(requested)} is not found for this account.", "name");
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, Describe(model), CompatJsonContext.Default.GeminiApiModel, context.RequestAborted);
        }
        catch (BridgeException ex) when (!context.Response.HasStarted)
        {
            await GeminiErrorWriter.WriteAsync(context, ex.Code, ex.Message, null, ex.RetryAfter);
        }
    }

    private static GeminiApiModel Describe(AccountModel model)
    {
        var id = CompatModels.PublicId(model);
        return new GeminiApiModel("models/" + id, id, model.DisplayName ?? id, model.Description, Methods, model.Capabilities.Thinking);
    }
}
