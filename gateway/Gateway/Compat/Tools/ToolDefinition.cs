using System.Text.Json;

namespace Gateway.Compat.Tools;

/// <summary>
/// A tool (function) the client offers, normalized from every surface: OpenAI <c>tools[].function</c>, Gemini
/// <c>functionDeclarations</c>, Anthropic <c>tools</c>, Responses <c>function</c> tools. <see cref="Parameters"/> is a
/// JSON Schema (an object schema; surfaces convert their dialect first, e.g. the Gemini API's OpenAPI subset).
/// </summary>
internal sealed record ToolDefinition(string Name, string? Description, JsonElement Parameters)
{
    /// <summary>The request field that defined the tool's schema (for a refusal when it is not a JSON Schema).</summary>
    public string Param { get; init; } = "tools";

    /// <summary>A tool with no parameters: <c>{"type":"object","properties":{}}</c>.</summary>
    public static JsonElement NoParameters { get; } = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
}
