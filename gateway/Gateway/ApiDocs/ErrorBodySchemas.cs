using System.Text.Json.Nodes;
using BridgeEngine.Errors;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Output;

namespace Gateway.ApiDocs;

/// <summary>
/// The error body of each <c>ErrorShape</c> (route metadata) as a component schema: the gateway envelope, OpenAI's error
/// object, the Gemini API's google.rpc.Status, or either (<c>by-client</c>). A shape this table does not know yet is
/// documented as a JSON object, so a new surface never breaks the document.
/// </summary>
internal static class ErrorBodySchemas
{
    public const string Envelope = "ErrorEnvelope";
    public const string OpenAi = "OpenAiError";
    public const string Gemini = "GeminiApiError";

    /// <summary>The component name for an error shape (null or empty = the envelope), adding its schema to <paramref name="components"/>.</summary>
    public static string For(string? shape, JsonObject components)
    {
        ArgumentNullException.ThrowIfNull(components);
        switch (shape)
        {
            case null or "" or "envelope":
                components.TryAdd(Envelope, EnvelopeSchema());
                return Envelope;
            case "openai":
                components.TryAdd(OpenAi, OpenAiSchema());
                return OpenAi;
            case "gemini":
                components.TryAdd(Gemini, GeminiSchema());
                return Gemini;
            case "by-client":
                components.TryAdd(OpenAi, OpenAiSchema());
                components.TryAdd(Gemini, GeminiSchema());
                components.TryAdd("ByClientError", new JsonObject
                {
                    ["description"] = "OpenAI's error object, or the Gemini API's for Google clients (x-goog-api-client or x-goog-api-key).",
                    ["oneOf"] = new JsonArray(Ref(OpenAi), Ref(Gemini)),
                });
                return "ByClientError";
            default:
                var name = "Error_" + new string(shape.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
                components.TryAdd(name, new JsonObject { ["type"] = "object", ["description"] = $"The error object of the '{shape}' surface." });
                return name;
        }
    }

    public static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    /// <summary>Every public code with its status, for the responses' descriptions.</summary>
    public static IEnumerable<ErrorDescriptor> Catalog() => Enum.GetValues<BridgeErrorCode>().Select(ErrorCatalog.Describe).DistinctBy(d => d.Code);

    private static JsonArray Codes() => new(Catalog().Select(d => (JsonNode?)JsonValue.Create(d.Code)).ToArray());

    private static JsonObject EnvelopeSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "The failure envelope; the request id is also in x-request-id.",
        ["required"] = new JsonArray("success", "error", "requestId", "timestamp"),
        ["properties"] = new JsonObject
        {
            ["success"] = new JsonObject { ["type"] = "boolean", ["const"] = false },
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("code", "message"),
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "string", ["enum"] = Codes() },
                    ["message"] = new JsonObject { ["type"] = "string" },
                },
            },
            ["requestId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["timestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        },
    };

    private static JsonObject OpenAiSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "OpenAI's error object; code holds the gateway's error code.",
        ["required"] = new JsonArray("error"),
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("message", "type", "param", "code"),
                ["properties"] = new JsonObject
                {
                    ["message"] = new JsonObject { ["type"] = "string" },
                    ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Catalog().Select(d => OpenAiErrorWriter.TypeFor(d.Status)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) },
                    ["param"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                    ["code"] = new JsonObject { ["type"] = "string", ["enum"] = Codes() },
                },
            },
        },
    };

    private static JsonObject GeminiSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "The Gemini API's error (google.rpc.Status); details[0] is an ErrorInfo whose reason is the gateway's error code.",
        ["required"] = new JsonArray("error"),
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("code", "message", "status", "details"),
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "integer", ["description"] = "The HTTP status." },
                    ["message"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Catalog().Select(d => GeminiErrorWriter.StatusFor(d.Status)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()) },
                    ["details"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("@type"),
                            ["properties"] = new JsonObject
                            {
                                ["@type"] = new JsonObject { ["type"] = "string" },
                                ["reason"] = new JsonObject { ["type"] = "string", ["enum"] = Codes() },
                                ["domain"] = new JsonObject { ["type"] = "string" },
                                ["metadata"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                                ["fieldViolations"] = new JsonObject
                                {
                                    ["type"] = "array",
                                    ["items"] = new JsonObject
                                    {
                                        ["type"] = "object",
                                        ["properties"] = new JsonObject { ["field"] = new JsonObject { ["type"] = "string" }, ["description"] = new JsonObject { ["type"] = "string" } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    };
}
