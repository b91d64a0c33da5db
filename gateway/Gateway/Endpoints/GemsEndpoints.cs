using BridgeEngine.Features.Common;
using BridgeEngine.Features.Gems;
using Gateway.ApiDocs;
using Gateway.Hosting;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>
/// Gems (protocol §10): <c>GET /api/gems</c>, <c>POST /api/gems</c>, <c>GET|PUT|DELETE /api/gems/{id}</c>. Only custom
/// gems can be changed; a system gem is refused with INVALID_BODY before anything goes upstream.
/// </summary>
internal sealed class GemsEndpoints : IBridgeOperation
{
    public const int MaxNameChars = 200;
    public const int MaxDescriptionChars = 2000;

    private static readonly string[] Fields = ["name", "description", "instructions"];

    private readonly GemsClient _gems;
    private readonly EnvelopeWriter _envelope;

    public GemsEndpoints(GemsClient gems, EnvelopeWriter envelope)
    {
        _gems = gems;
        _envelope = envelope;
    }

    public string Name => "gems";

    public OperationDoc Describe(string method, string path, string? action) => (method, path.Contains("{id}", StringComparison.Ordinal)) switch
    {
        ("POST", _) => new("Create a gem", "A custom gem from name, description and instructions; answers 201 with the gem.", typeof(GemCreateDocument), typeof(Gem))
        {
            SuccessStatus = StatusCodes.Status201Created,
            RequestExample = """{"name":"Code reviewer","description":"Reviews code","instructions":"Review the code I send and point out bugs."}""",
        },
        ("PUT", _) => new("Update a gem", "Changes name, description or instructions of a custom gem (system gems cannot be changed).", typeof(GemUpdateDocument), typeof(Gem))
        {
            RequestExample = """{"instructions":"Review the code I send; be brief."}""",
        },
        ("DELETE", _) => new("Delete a gem", "Deletes a custom gem.", null, typeof(GemDeletion)),
        (_, true) => new("Get a gem", "One gem by id.", null, typeof(Gem)),
        _ => new("List gems", "System and custom gems of the account.", null, typeof(GemList)),
    };

    public async Task HandleAsync(BridgeCall call)
    {
        var options = call.Options;
        var request = call.Request;
        var routeId = request.RouteValues["id"] as string;
        var method = request.Method;
        var aborted = call.Aborted;

        if (routeId is null)
        {
            if (HttpMethods.IsPost(method))
            {
                using var body = await ReadBodyAsync(request, options, aborted);
                var root = body.RootElement;
                var draft = new GemDraft(
                    JsonFields.RequiredString(root, "name", MaxNameChars),
                    JsonFields.OptionalString(root, "description", MaxDescriptionChars, allowEmpty: true) ?? throw FeatureErrors.InvalidBody("Field 'description' is required (it may be an empty string)."),
                    JsonFields.RequiredString(root, "instructions", options.MaxPromptChars));
                var created = await _gems.CreateAsync(call.Upstream, draft, aborted);
                await _envelope.WriteDataAsync(call, created, AccountFeaturesJsonContext.Default.Gem, StatusCodes.Status201Created);
                return;
            }

            var list = await _gems.ListAsync(call.Upstream, aborted);
            await _envelope.WriteDataAsync(call, list, AccountFeaturesJsonContext.Default.GemList);
            return;
        }

        var id = FeatureErrors.RequireId(routeId, "gem id");
        if (HttpMethods.IsPut(method))
        {
            using var body = await ReadBodyAsync(request, options, aborted);
            var root = body.RootElement;
            var name = JsonFields.OptionalString(root, "name", MaxNameChars, allowEmpty: false);
            var description = JsonFields.OptionalString(root, "description", MaxDescriptionChars, allowEmpty: true);
            var instructions = JsonFields.OptionalString(root, "instructions", options.MaxPromptChars, allowEmpty: false);
            if (name is null && description is null && instructions is null)
            {
                throw FeatureErrors.InvalidBody("Send at least one of the fields 'name', 'description', 'instructions'.");
            }

            var updated = await _gems.UpdateAsync(call.Upstream, id, name, description, instructions, aborted);
            await _envelope.WriteDataAsync(call, updated, AccountFeaturesJsonContext.Default.Gem);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var deleted = await _gems.DeleteAsync(call.Upstream, id, aborted);
            await _envelope.WriteDataAsync(call, deleted, AccountFeaturesJsonContext.Default.GemDeletion);
            return;
        }

        var all = await _gems.ListAsync(call.Upstream, aborted);
        var gem = all.Find(id) ?? throw FeatureErrors.NotFound($"No gem '{FeatureErrors.Safe(id)}' on this account.");
        await _envelope.WriteDataAsync(call, gem, AccountFeaturesJsonContext.Default.Gem);
    }

    private static async Task<System.Text.Json.JsonDocument> ReadBodyAsync(HttpRequest request, GatewayOptions options, CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadObjectAsync(request, BodyLimits.Json(options), optional: false, cancellationToken);
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
}
