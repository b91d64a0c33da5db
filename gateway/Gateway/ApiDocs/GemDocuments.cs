using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Gateway.ApiDocs;

/// <summary>The body of POST /api/gems, as documented (Endpoints/GemsEndpoints.cs reads it).</summary>
[Description("A custom gem. description may be an empty string.")]
internal sealed class GemCreateDocument
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("instructions")]
    [Description("The gem's instructions (its system prompt).")]
    public required string Instructions { get; init; }
}

/// <summary>The body of PUT /api/gems/{id}, as documented: at least one field.</summary>
[Description("The fields to change; at least one.")]
internal sealed class GemUpdateDocument
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("instructions")]
    public string? Instructions { get; init; }
}
