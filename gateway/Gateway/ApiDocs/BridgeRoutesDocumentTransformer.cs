using System.Text.Json.Nodes;
using Gateway.Output;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Yarp.ReverseProxy;

namespace Gateway.ApiDocs;

/// <summary>
/// The gateway's API is served by YARP routes, not minimal-API endpoints, so this transformer writes the
/// OpenAPI paths from the live route table (path, methods, bridge operation), with the credential headers,
/// the envelope and every error code, and schemas generated from the real payload types.
/// </summary>
internal sealed class BridgeRoutesDocumentTransformer : IOpenApiDocumentTransformer
{
    private readonly IProxyStateLookup _proxy;
    private readonly Pipeline.BridgeOperations _operations;

    public BridgeRoutesDocumentTransformer(IProxyStateLookup proxy, Pipeline.BridgeOperations operations)
    {
        _proxy = proxy;
        _operations = operations;
    }

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Gemini Bridge Gateway",
            Version = "v1",
            Description = "Use your own gemini.google.com session through a REST API. Send your cookies per request in x-gemini-psid / x-gemini-psidts; the gateway stores nothing. Rotated __Secure-1PSIDTS values come back in x-gemini-psidts-next.",
        };
        document.Paths ??= [];
        var errorSchema = ErrorEnvelopeSchema();
        foreach (var route in _proxy.GetRoutes().OrderBy(r => r.Config.Match.Path, StringComparer.Ordinal))
        {
            var config = route.Config;
            if (config.Metadata is null || !config.Metadata.TryGetValue(Policies.RouteMetadataKeys.Bridge, out var operationName) || config.Match.Path is null
                || !_operations.TryGet(operationName, out var bridgeOperation))
            {
                continue;
            }

            var path = config.Match.Path.Replace("{**", "{", StringComparison.Ordinal);
            var action = config.Metadata.GetValueOrDefault(Policies.RouteMetadataKeys.BridgeAction);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            var pathItem = (OpenApiPathItem)item;
            pathItem.Operations ??= [];
            foreach (var method in config.Match.Methods ?? ["GET"])
            {
                var doc = bridgeOperation.Describe(method, config.Match.Path, action);
                pathItem.Operations[new HttpMethod(method)] = await OperationAsync(config.RouteId, operationName, doc, path, errorSchema, context, cancellationToken);
            }
        }
    }

    private static async Task<OpenApiOperation> OperationAsync(string routeId, string operationName, OperationDoc doc, string path, OpenApiSchema errorSchema, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var operation = new OpenApiOperation
        {
            OperationId = routeId,
            Summary = doc.Summary,
            Description = doc.Description + $" (bridge operation `{operationName}`)",
            Tags = new HashSet<OpenApiTagReference> { new(Tag(path)) },
            Parameters =
            [
                Header("x-gemini-psid", "The __Secure-1PSID cookie of your gemini.google.com session.", required: true),
                Header("x-gemini-psidts", "The __Secure-1PSIDTS cookie (recommended).", required: false),
                Header("x-bridge-api-key", "Your team's bridge API key (when the gateway has auth on, the default). Authorization: Bearer and x-goog-api-key work too.", required: false),
            ],
            Responses = [],
        };
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
        {
            operation.Parameters.Add(new OpenApiParameter { Name = segment.Trim('{', '}'), In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        }

        if (doc.RequestBody is { } requestType)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(requestType, null, cancellationToken) } },
            };
        }

        var data = doc.ResponseData is { } dataType ? await context.GetOrCreateSchemaAsync(dataType, null, cancellationToken) : new OpenApiSchema { Type = JsonSchemaType.Object };
        var success = new OpenApiResponse
        {
            Description = "The success envelope: {success: true, data, requestId, timestamp}; the request id is also in x-request-id.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = SuccessEnvelopeSchema(data) } },
        };
        if (doc.Streams)
        {
            success.Content["text/event-stream"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Server-Sent Events; each event's data is JSON with requestId." } };
        }

        operation.Responses["200"] = success;
        foreach (var group in Enum.GetValues<BridgeEngine.Errors.BridgeErrorCode>().Select(ErrorCatalog.Describe).GroupBy(d => d.Status).OrderBy(g => g.Key))
        {
            operation.Responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join("; ", group.Select(d => $"{d.Code}: {d.DefaultMessage}")),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = errorSchema } },
            };
        }

        return operation;
    }

    private static string Tag(string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts.Length > 1 ? parts[0] + "/" + parts[1] : parts[0];
    }

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiSchema SuccessEnvelopeSchema(IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "success", "data", "requestId", "timestamp" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Const = "true" },
            ["data"] = data,
            ["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
        },
    };

    private static OpenApiSchema ErrorEnvelopeSchema()
    {
        var codes = Enum.GetValues<BridgeEngine.Errors.BridgeErrorCode>().Select(c => (JsonNode)JsonValue.Create(ErrorCatalog.Describe(c).Code)!).ToList();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "success", "error", "requestId", "timestamp" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["success"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Const = "false" },
                ["error"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "code", "message" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = codes },
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
                ["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            },
        };
    }
}
