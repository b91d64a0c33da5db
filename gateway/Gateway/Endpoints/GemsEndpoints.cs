using BridgeEngine.Client;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Gems;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// Gems (protocol §10): <c>GET /api/gems</c>, <c>POST /api/gems</c>, <c>GET|PUT|DELETE /api/gems/{id}</c>. Only custom
/// gems can be changed; a system gem is refused with INVALID_BODY before anything goes upstream.
/// </summary>
public sealed class GemsEndpoints : IBridgeOperation
{
    public const int MaxNameChars = 200;
    public const int MaxDescriptionChars = 2000;

    private static readonly string[] Fields = ["name", "description", "instructions"];

    private readonly GemsClient _gems;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public GemsEndpoints(GemsClient gems, EnvelopeWriter envelope, IOptionsMonitor<GatewayOptions> options)
    {
        _gems = gems;
        _envelope = envelope;
        _options = options;
    }

    public string Name => "gems";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var options = _options.CurrentValue;
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var routeId = context.Request.RouteValues["id"] as string;
        var method = context.Request.Method;
        var aborted = context.RequestAborted;

        if (routeId is null)
        {
            if (HttpMethods.IsPost(method))
            {
                using var body = await ReadBodyAsync(context.Request, options, aborted);
                var root = body.RootElement;
                var draft = new GemDraft(
                    JsonFields.RequiredString(root, "name", MaxNameChars),
                    JsonFields.OptionalString(root, "description", MaxDescriptionChars, allowEmpty: true) ?? throw FeatureErrors.InvalidBody("Field 'description' is required (it may be an empty string)."),
                    JsonFields.RequiredString(root, "instructions", options.MaxPromptChars));
                var created = await _gems.CreateAsync(call, draft, aborted);
                await AnswerAsync(context, call, created, AccountFeaturesJsonContext.Default.Gem);
                return;
            }

            var list = await _gems.ListAsync(call, aborted);
            await AnswerAsync(context, call, list, AccountFeaturesJsonContext.Default.GemList);
            return;
        }

        var id = FeatureErrors.RequireId(routeId, "gem id");
        if (HttpMethods.IsPut(method))
        {
            using var body = await ReadBodyAsync(context.Request, options, aborted);
            var root = body.RootElement;
            var name = JsonFields.OptionalString(root, "name", MaxNameChars, allowEmpty: false);
            var description = JsonFields.OptionalString(root, "description", MaxDescriptionChars, allowEmpty: true);
            var instructions = JsonFields.OptionalString(root, "instructions", options.MaxPromptChars, allowEmpty: false);
            if (name is null && description is null && instructions is null)
            {
                throw FeatureErrors.InvalidBody("Send at least one of the fields 'name', 'description', 'instructions'.");
            }

            var updated = await _gems.UpdateAsync(call, id, name, description, instructions, aborted);
            await AnswerAsync(context, call, updated, AccountFeaturesJsonContext.Default.Gem);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var deleted = await _gems.DeleteAsync(call, id, aborted);
            await AnswerAsync(context, call, deleted, AccountFeaturesJsonContext.Default.GemDeletion);
            return;
        }

        var all = await _gems.ListAsync(call, aborted);
        var gem = all.Find(id) ?? throw FeatureErrors.NotFound($"No gem '{FeatureErrors.Safe(id)}' on this account.");
        await AnswerAsync(context, call, gem, AccountFeaturesJsonContext.Default.Gem);
    }

    private static async Task<System.Text.Json.JsonDocument> ReadBodyAsync(HttpRequest request, GatewayOptions options, CancellationToken cancellationToken)
    {
        var document = await JsonBodyReader.ReadObjectAsync(request.Body, request.ContentType, request.ContentLength, options.MaxJsonBodyBytes, optional: false, cancellationToken);
        try
        {
            JsonFields.EnsureOnly(document.RootElement, Fields);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private async Task AnswerAsync<T>(HttpContext context, UpstreamCall call, T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        context.Response.Headers.CacheControl = "no-store";
        await _envelope.WriteSuccessAsync(context, data, type);
    }
}
