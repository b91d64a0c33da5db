using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Gateway.ApiDocs;

/// <summary>
/// JSON Schemas of payload types, made with <see cref="JsonSchemaExporter"/> from the very serializer options that write the
/// answers (the gateway's source-generated contexts: camelCase, enums as strings, their null handling), so the document
/// cannot drift from the wire. Every object type becomes one entry of <c>components/schemas</c> and is referenced.
/// Answers: a property is required when it is always written. Requests: required as the type declares it
/// (<c>required</c> members, constructor parameters).
/// </summary>
internal sealed class PayloadSchemas
{
    private const string RefPrefix = "#/components/schemas/";

    /// <summary>Every source-generated context of the gateway, found once: a context another surface adds is used too.</summary>
    private static readonly JsonSerializerOptions[] AnswerOptions = typeof(PayloadSchemas).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as JsonSerializerContext)
        .OfType<JsonSerializerContext>()
        .Select(context => SchemaOptions(context.Options))
        .ToArray();

    /// <summary>For answer types no context knows (yet) and for request documents: the gateway's conventions.</summary>
    private static readonly JsonSerializerOptions FallbackOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions RequestOptions = new(FallbackOptions) { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true };

    private readonly Dictionary<(Type Type, bool Request), string> _names = [];

    public JsonObject Components { get; } = [];

    /// <summary>The schema of an answer type (usually a <c>$ref</c>).</summary>
    public JsonNode Answer(Type type) => Export(type, request: false);

    /// <summary>The schema of a request type (usually a <c>$ref</c>).</summary>
    public JsonNode Request(Type type) => Export(type, request: true);

    private static JsonSerializerOptions SchemaOptions(JsonSerializerOptions real) =>

        // Lenient number reading changes what is read, not what is written: the schema describes numbers as numbers.
        new(real) { NumberHandling = JsonNumberHandling.Strict };

    private JsonNode Export(Type type, bool request)
    {
        var typeInfo = request ? RequestOptions.GetTypeInfo(type) : FindAnswerTypeInfo(type);

        // The exporter writes a type met again as a pointer into its own output ("#/properties/..."); that output is split
        // into components here, so each pointer is replaced by what was written at its path.
        var byPath = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                var result = Transform(context, node, request);
                byPath["#" + string.Concat(context.Path.ToArray().Select(p => "/" + p))] = result;
                return result;
            },
        };
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(typeInfo, exporter);
        schema = ResolveLocalPointers(schema, byPath);
        foreach (var name in Components.Select(c => c.Key).ToList())
        {
            Components[name] = ResolveLocalPointers(Components[name]!, byPath);
        }

        return schema;
    }

    private static JsonNode ResolveLocalPointers(JsonNode node, Dictionary<string, JsonNode> byPath)
    {
        if (node is JsonObject obj)
        {
            if (obj["$ref"]?.GetValue<string>() is { } pointer && !pointer.StartsWith(RefPrefix, StringComparison.Ordinal) && byPath.TryGetValue(pointer, out var target))
            {
                return ResolveLocalPointers(target.DeepClone(), byPath);
            }

            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (obj[key] is { } child)
                {
                    obj[key] = ResolveLocalPointers(child.DeepClone(), byPath);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } child)
                {
                    array[i] = ResolveLocalPointers(child.DeepClone(), byPath);
                }
            }
        }

        return node;
    }

    private static JsonTypeInfo FindAnswerTypeInfo(Type type)
    {
        foreach (var options in AnswerOptions)
        {
            if (options.TypeInfoResolver?.GetTypeInfo(type, options) is not null)
            {
                return options.GetTypeInfo(type);
            }
        }

        return FallbackOptions.GetTypeInfo(type);
    }

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, bool request)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(FilePart))
        {
            return new JsonObject { ["type"] = "string", ["contentMediaType"] = "application/octet-stream", ["description"] = "A file part (its Content-Disposition names the file)." };
        }

        if (node is not JsonObject schema)
        {
            return node;
        }

        // String enums: say the type too, for generators that read type before enum.
        if (schema["enum"] is JsonArray values && schema["type"] is null && values.All(v => v is null || v.GetValueKind() == JsonValueKind.String))
        {
            schema["type"] = values.Any(v => v is null) ? new JsonArray("string", "null") : "string";
        }

        var description = Describe(context);
        if (context.TypeInfo.Kind != JsonTypeInfoKind.Object || context.TypeInfo.Properties.Count == 0)
        {
            if (description is not null)
            {
                schema["description"] = description;
            }

            return schema;
        }

        if (!request)
        {
            MarkAlwaysWritten(context.TypeInfo, schema);
        }

        if (type.GetCustomAttribute<DescriptionAttribute>()?.Description is { } typeDescription)
        {
            schema["description"] = typeDescription;
        }

        if (request && type.GetCustomAttribute<AcceptsMoreFieldsAttribute>() is null)
        {
            // The readers refuse unknown fields.
            schema["additionalProperties"] = false;
        }

        var nullable = schema["type"] is JsonArray kinds && kinds.Any(k => k?.GetValue<string>() == "null");
        if (nullable)
        {
            schema["type"] = "object";
        }

        var name = Register(type, request, schema);
        JsonNode reference = new JsonObject { ["$ref"] = RefPrefix + name };
        if (nullable)
        {
            reference = new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) };
        }

        if (context.PropertyInfo is not null && description is not null)
        {
            reference["description"] = description;
        }

        return reference;
    }

    /// <summary>Answers: every property that is written whatever its value is required.</summary>
    private static void MarkAlwaysWritten(JsonTypeInfo typeInfo, JsonObject schema)
    {
        var skipsNulls = typeInfo.Options.DefaultIgnoreCondition == JsonIgnoreCondition.WhenWritingNull;
        if (typeInfo.Options.DefaultIgnoreCondition == JsonIgnoreCondition.WhenWritingDefault)
        {
            return;
        }

        var required = new JsonArray();
        foreach (var property in typeInfo.Properties)
        {
            var conditional = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>().Any(a => a.Condition != JsonIgnoreCondition.Never) == true;
            var nullable = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            if (!conditional && property.ShouldSerialize is null && property.Get is not null && !(skipsNulls && nullable))
            {
                required.Add(property.Name);
            }
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }
    }

    private string Register(Type type, bool request, JsonObject schema)
    {
        if (!_names.TryGetValue((type, request), out var name))
        {
            name = type.Name;
            var taken = _names.Values.ToHashSet(StringComparer.Ordinal);
            if (taken.Contains(name))
            {
                name = request ? name + "Input" : name;
            }

            for (var i = 2; taken.Contains(name); i++)
            {
                name = type.Name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _names[(type, request)] = name;
        }

        Components[name] = schema.DeepClone();
        return name;
    }

    private static string? Describe(JsonSchemaExporterContext context)
    {
        var provider = context.PropertyInfo?.AttributeProvider;
        var fromProperty = provider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true).OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
        if (fromProperty is not null || context.PropertyInfo is not null)
        {
            return fromProperty;
        }

        return context.TypeInfo.Type.GetCustomAttribute<DescriptionAttribute>()?.Description;
    }
}
