using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Keys = Gateway.Policies.RouteMetadataKeys;

namespace Gateway.ApiDocs;

/// <summary>
/// Writes the OpenAPI 3.1 document from the live YARP routes: one operation per route, method and documented path, each
/// described by its bridge operation (<see cref="IBridgeOperation.Describe"/>), with the credential headers, the success
/// body (envelope or the surface's own), the route's error shape per status, SSE media types and response headers.
/// Operations it knows nothing special about are documented from their <see cref="OperationDoc"/> alone.
/// </summary>
internal sealed class OpenApiDocumentBuilder
{
    public const string OpenApiVersion = "3.1.0";
    private const string ExamplePsid = "g.a000-any-fake-value";

    private readonly IProxyStateLookup _proxy;
    private readonly BridgeOperations _operations;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public OpenApiDocumentBuilder(IProxyStateLookup proxy, BridgeOperations operations, IOptionsMonitor<GatewayOptions> options)
    {
        _proxy = proxy;
        _operations = operations;
        _options = options;
    }

    /// <param name="serverUrl">The origin (and path base) the document is served from, without a trailing slash.</param>
    public JsonObject Build(string serverUrl)
    {
        var schemas = new PayloadSchemas();
        var components = schemas.Components;
        var paths = new JsonObject();
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in _proxy.GetRoutes().OrderBy(r => r.Config.Match.Path, StringComparer.Ordinal).ThenBy(r => r.Config.RouteId, StringComparer.Ordinal))
        {
            var config = route.Config;
            if (config.Metadata is null || config.Match.Path is null || !config.Metadata.TryGetValue(Keys.Bridge, out var name) || !_operations.TryGet(name, out var operation))
            {
                continue;
            }

            var action = config.Metadata.GetValueOrDefault(Keys.BridgeAction);
            var errorBody = ErrorBodySchemas.For(config.Metadata.GetValueOrDefault(Keys.ErrorShape), components);
            var anonymous = string.Equals(config.Metadata.GetValueOrDefault(Keys.Auth), Keys.AuthAnonymous, StringComparison.OrdinalIgnoreCase);
            foreach (var method in config.Match.Methods ?? ["GET"])
            {
                var main = operation.Describe(method, config.Match.Path, action);
                if (main.Undocumented)
                {
                    continue;
                }

                foreach (var doc in main.Also.Prepend(main))
                {
                    var path = doc.Path ?? config.Match.Path.Replace("{**", "{", StringComparison.Ordinal);
                    var item = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject());
                    var id = UniqueId(operationIds, $"{config.RouteId}-{method.ToLowerInvariant()}" + (doc.IdSuffix is null ? string.Empty : "-" + doc.IdSuffix));
                    item[method.ToLowerInvariant()] = Operation(id, path, doc, errorBody, anonymous, schemas);
                }
            }
        }

        AddSharedComponents(components);
        return new JsonObject
        {
            ["openapi"] = OpenApiVersion,
            ["info"] = new JsonObject
            {
                ["title"] = "Gemini Bridge Gateway",
                ["version"] = "v1",
                ["description"] = "Use your own gemini.google.com session through a REST API: the native API under /api (JSON envelope or Server-Sent Events), "
                    + "the OpenAI-compatible API under /v1 and the Gemini API-compatible API under /v1beta. Send your cookies per request in x-gemini-psid / "
                    + "x-gemini-psidts; the gateway stores nothing. A rotated __Secure-1PSIDTS comes back in " + _options.CurrentValue.RotatedCookieHeader + ".",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl, ["description"] = "This gateway" }),
            ["tags"] = new JsonArray(paths.SelectMany(p => ((JsonObject)p.Value!).Select(o => o.Value!["tags"]![0]!.GetValue<string>())).Distinct(StringComparer.Ordinal)
                .Select(t => (JsonNode?)new JsonObject { ["name"] = t }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = components,
                ["parameters"] = RequestHeaders(),
                ["headers"] = ResponseHeaders(),
            },
        };
    }

    private JsonObject Operation(string id, string path, OperationDoc doc, string errorBody, bool anonymous, PayloadSchemas schemas)
    {
        var parameters = new JsonArray(ParameterRef("psid"), ParameterRef("psidts"));
        if (!anonymous)
        {
            parameters.Add(ParameterRef("bridgeApiKey"));
        }

        foreach (var segment in path.Split('/').SelectMany(s => s.Split(':')).Where(s => s.StartsWith('{') && s.EndsWith('}')))
        {
            var name = segment.Trim('{', '}');
            var given = doc.Parameters.FirstOrDefault(p => p.In == "path" && p.Name == name) ?? ParameterDoc.PathValue(name, $"The {name}.");
            parameters.Add(Parameter(given));
        }

        foreach (var query in doc.Parameters.Where(p => p.In != "path"))
        {
            parameters.Add(Parameter(query));
        }

        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(doc.Tag ?? Tag(path)),
            ["summary"] = doc.Summary,
            ["description"] = doc.Description,
            ["operationId"] = id,
            ["parameters"] = parameters,
        };
        if (RequestBody(doc, schemas) is { } body)
        {
            operation["requestBody"] = body;
        }

        var responses = new JsonObject { [doc.SuccessStatus.ToString(CultureInfo.InvariantCulture)] = Success(doc, schemas) };
        foreach (var status in ErrorBodySchemas.Catalog().GroupBy(d => d.Status).OrderBy(g => g.Key))
        {
            var headers = new JsonObject { ["x-request-id"] = HeaderRef("RequestId") };
            if (status.Key is 429 or 503)
            {
                headers["Retry-After"] = HeaderRef("RetryAfter");
            }

            responses[status.Key.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = string.Join("; ", status.Select(d => $"{d.Code}: {d.DefaultMessage}")),
                ["headers"] = headers,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = ErrorBodySchemas.Ref(errorBody) } },
            };
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject? RequestBody(OperationDoc doc, PayloadSchemas schemas)
    {
        if (doc.RequestBody is null && doc.FormBody is null)
        {
            return null;
        }

        var content = new JsonObject();
        if (doc.RequestBody is { } type)
        {
            var json = new JsonObject { ["schema"] = schemas.Request(type) };
            if (doc.RequestExample is { } example)
            {
                json["example"] = JsonNode.Parse(example);
            }

            content["application/json"] = json;
        }

        if (doc.FormBody is { } form)
        {
            var schema = schemas.Request(form);
            var encoding = new JsonObject();
            var resolved = Resolve(schema, schemas.Components);
            foreach (var (name, property) in resolved?["properties"] as JsonObject ?? [])
            {
                // A property holding an object or array of objects (not files) is a JSON part.
                if (property?["$ref"] is not null || property?["anyOf"] is not null)
                {
                    encoding[name] = new JsonObject { ["contentType"] = "application/json" };
                }
            }

            var multipart = new JsonObject { ["schema"] = schema };
            if (encoding.Count > 0)
            {
                multipart["encoding"] = encoding;
            }

            content["multipart/form-data"] = multipart;
        }

        return new JsonObject { ["required"] = true, ["content"] = content };
    }

    private JsonObject Success(OperationDoc doc, PayloadSchemas schemas)
    {
        var headers = new JsonObject { ["x-request-id"] = HeaderRef("RequestId"), [_options.CurrentValue.RotatedCookieHeader] = HeaderRef("PsidtsNext") };
        var content = new JsonObject();
        var data = Data(doc, schemas);
        if (!doc.OnlyEventStream)
        {
            content["application/json"] = new JsonObject { ["schema"] = doc.Enveloped ? SuccessEnvelope(data) : data };
        }

        if (doc.Streams || doc.OnlyEventStream)
        {
            var stream = new JsonObject
            {
                ["schema"] = new JsonObject { ["type"] = "string", ["description"] = doc.StreamDescription ?? "Server-Sent Events." },
            };
            content["text/event-stream"] = stream;
        }

        return new JsonObject
        {
            ["description"] = doc.OnlyEventStream
                ? "Server-Sent Events" + (doc.StreamDescription is null ? "." : ": " + doc.StreamDescription)
                : doc.Enveloped ? "The success envelope {success: true, data, requestId, timestamp}." : "The answer in the surface's own shape.",
            ["headers"] = headers,
            ["content"] = content,
        };
    }

    private static JsonNode Data(OperationDoc doc, PayloadSchemas schemas)
    {
        if (doc.ResponseData is null)
        {
            return new JsonObject { ["type"] = "object" };
        }

        var main = schemas.Answer(doc.ResponseData);
        return doc.AlternativeResponseData is { } alternative ? new JsonObject { ["oneOf"] = new JsonArray(main, schemas.Answer(alternative)) } : main;
    }

    private static JsonObject SuccessEnvelope(JsonNode data) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("success", "data", "requestId", "timestamp"),
        ["properties"] = new JsonObject
        {
            ["success"] = new JsonObject { ["type"] = "boolean", ["const"] = true },
            ["data"] = data,
            ["requestId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        },
    };

    private static JsonObject? Resolve(JsonNode schema, JsonObject components) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? components[reference[(reference.LastIndexOf('/') + 1)..]] as JsonObject : schema as JsonObject;

    private static JsonObject Parameter(ParameterDoc doc)
    {
        var schema = new JsonObject { ["type"] = doc.Type };
        if (doc.Minimum is { } min)
        {
            schema["minimum"] = min;
        }

        if (doc.Maximum is { } max)
        {
            schema["maximum"] = max;
        }

        if (doc.Enum is { } values)
        {
            schema["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        var parameter = new JsonObject
        {
            ["name"] = doc.Name,
            ["in"] = doc.In,
            ["description"] = doc.Description,
            ["required"] = doc.Required || doc.In == "path",
            ["schema"] = schema,
        };
        if (doc.Example is { } example)
        {
            parameter["example"] = example;
        }

        return parameter;
    }

    private static JsonObject RequestHeaders() => new()
    {
        ["psid"] = HeaderParameter("x-gemini-psid", "Your __Secure-1PSID cookie value from gemini.google.com (against the simulator any value works).", required: true, ExamplePsid),
        ["psidts"] = HeaderParameter("x-gemini-psidts", "Your __Secure-1PSIDTS cookie value (recommended: session stability and rotation).", required: false, null),
        ["bridgeApiKey"] = HeaderParameter("x-bridge-api-key", "Your team's bridge API key, when the gateway has auth on (the default outside simulator mode). Authorization: Bearer <key> and x-goog-api-key work too.", required: false, null),
    };

    private static JsonObject HeaderParameter(string name, string description, bool required, string? example)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = "header", ["description"] = description, ["required"] = required, ["schema"] = new JsonObject { ["type"] = "string" } };
        if (example is not null)
        {
            parameter["example"] = example;
        }

        return parameter;
    }

    private static JsonObject ResponseHeaders() => new()
    {
        ["RequestId"] = new JsonObject { ["description"] = "The request's id (also requestId in the envelope and in the logs).", ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" } },
        ["PsidtsNext"] = new JsonObject { ["description"] = "A rotated __Secure-1PSIDTS, when Google issued one: send it as x-gemini-psidts from now on.", ["schema"] = new JsonObject { ["type"] = "string" } },
        ["RetryAfter"] = new JsonObject { ["description"] = "Seconds to wait before trying again.", ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 } },
    };

    private static void AddSharedComponents(JsonObject components) => ErrorBodySchemas.For(null, components);

    private static JsonObject ParameterRef(string name) => new() { ["$ref"] = "#/components/parameters/" + name };

    private static JsonObject HeaderRef(string name) => new() { ["$ref"] = "#/components/headers/" + name };

    private static string UniqueId(HashSet<string> taken, string id)
    {
        var unique = id;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = id + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    /// <summary>/api/gems → Gems; a compatible surface → its API's name.</summary>
    private static string Tag(string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts[0] == "api" && parts.Length > 1)
        {
            return char.ToUpperInvariant(parts[1][0]) + parts[1][1..];
        }

        return parts[0] switch
        {
            "v1beta" => "Gemini API compatible",
            "v1" when path.Contains(':', StringComparison.Ordinal) => "Gemini API compatible",
            "v1" when parts.Length > 1 && parts[1] == "messages" => "Anthropic compatible",
            "v1" => "OpenAI compatible",
            _ => parts[0],
        };
    }
}
