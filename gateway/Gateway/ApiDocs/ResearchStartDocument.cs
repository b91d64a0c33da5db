using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Gateway.ApiDocs;

/// <summary>The JSON body of POST /api/research, as documented (ResearchEndpoints reads it).</summary>
[Description("A Deep Research request. Only prompt is required.")]
internal sealed class ResearchStartDocument
{
    [JsonPropertyName("prompt")]
    [Description("What to research.")]
    public required string Prompt { get; init; }

    [JsonPropertyName("model")]
    [Description("A model id or friendly name from GET /api/models; omitted = the account's default.")]
    public string? Model { get; init; }
}
