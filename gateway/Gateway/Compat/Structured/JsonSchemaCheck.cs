using System.Text;
using System.Text.Json;
using Gateway.Pipeline;
using Json.Schema;

namespace Gateway.Compat.Structured;

/// <summary>
/// A client's JSON Schema, compiled once per request with JsonSchema.Net (drafts 6, 7, 2019-09 and 2020-12; a schema
/// without <c>$schema</c> is read as 2020-12). Each compile uses its own registry, so a client's <c>$id</c> never
/// lands in (or collides in) a process-wide one, and nothing is fetched: only local <c>$ref</c>s resolve.
/// </summary>
internal sealed class JsonSchemaCheck
{
    private const int MaxErrors = 5;

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;

    private JsonSchemaCheck(JsonSchema schema)
    {
        _schema = schema;
    }

    /// <summary>Compiles the schema, or refuses the request (400 naming <paramref name="param"/>) when it is not one.</summary>
    public static JsonSchemaCheck Compile(JsonElement schema, string param)
    {
        ArgumentNullException.ThrowIfNull(param);
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new RequestRejectedException(param, $"'{param}' must be a JSON Schema object, not {CompatJson.Describe(schema.ValueKind)}.");
        }

        try
        {
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            return new JsonSchemaCheck(JsonSchema.Build(schema, options, new Uri("urn:bridge:schema:" + Guid.NewGuid().ToString("N"))));
        }
        catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or UriFormatException)
        {
            throw new RequestRejectedException(param, $"'{param}' is not a JSON Schema the gateway can use: {Short(ex.Message)}");
        }
    }

    /// <summary>Null when <paramref name="instance"/> is valid; otherwise a short, model-readable list of what is wrong.</summary>
    public string? Validate(JsonElement instance)
    {
        EvaluationResults results;
        try
        {
            results = _schema.Evaluate(instance, Evaluation);
        }
        catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or InvalidOperationException or ArgumentException)
        {
            return "the value could not be checked against the schema (" + Short(ex.Message) + ")";
        }

        if (results.IsValid)
        {
            return null;
        }

        var errors = new StringBuilder();
        var count = 0;
        foreach (var detail in (IEnumerable<EvaluationResults>?)results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } messages)
            {
                continue;
            }

            foreach (var message in messages.Values)
            {
                if (count++ == MaxErrors)
                {
                    return errors.Append("; ...").ToString();
                }

                var at = detail.InstanceLocation.ToString();
                errors.Append(errors.Length > 0 ? "; " : string.Empty).Append("at '").Append(at.Length == 0 ? "/" : at).Append("': ").Append(message);
            }
        }

        return errors.Length > 0 ? errors.ToString() : "the value does not match the schema";
    }

    private static string Short(string message) => message.Length <= 200 ? message : message[..200] + "...";
}
