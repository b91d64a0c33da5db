using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Models;
using Gateway.Endpoints;
using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.OpenAi;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the account's models (otAQ7b probe) in OpenAI's shape.</summary>
public sealed class OpenAiModelsOperation : IBridgeOperation
{
    public const string OperationName = "openai.models";
    public const string IdRouteValue = "id";

    private readonly AccountModelsClient _models;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public OpenAiModelsOperation(AccountModelsClient models, IOptionsMonitor<GatewayOptions> options)
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
            var requested = context.Request.RouteValues[IdRouteValue] as string;
            if (string.IsNullOrEmpty(requested))
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                var models = list.Models.Select(Describe).ToArray();
                await JsonSerializer.SerializeAsync(context.Response.Body, new OpenAiModelList("list", models), CompatJsonContext.Default.OpenAiModelList, context.RequestAborted);
                return;
            }

            var model = CompatModels.Find(list, requested);
            if (model is null)
            {
                await OpenAiErrorWriter.WriteAsync(context, BridgeErrorCode.NotFound, $"The model '{CompatJson.Safe(requested)}' does not exist for this account.", "model");
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, Describe(model), CompatJsonContext.Default.OpenAiModel, context.RequestAborted);
        }
        catch (BridgeException ex) when (!context.Response.HasStarted)
        {
            await OpenAiErrorWriter.WriteAsync(context, ex.Code, ex.Message, null, ex.RetryAfter);
        }
    }

    private static OpenAiModel Describe(AccountModel model) => new(CompatModels.PublicId(model), "model", 0, "google");
}
