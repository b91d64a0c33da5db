using System.Text.Json;

namespace Gateway.Compat.Structured;

/// <summary>
/// The answer must be JSON: OpenAI <c>response_format</c> (<c>json_object</c>: <see cref="Schema"/> null;
/// <c>json_schema</c> with <c>strict</c>), Responses <c>text.format</c>, Gemini <c>responseMimeType:
/// application/json</c> + <c>responseSchema</c> / <c>responseJsonSchema</c>. <see cref="Schema"/> is a JSON Schema
/// (surfaces convert their dialect first). <see cref="Param"/> names the request field, for refusals of a bad schema.
/// </summary>
internal sealed record StructuredOutput(JsonElement? Schema, string? Name, string? Description, bool Strict, string Param)
{
    /// <summary>Any JSON object (OpenAI json_object).</summary>
    public static StructuredOutput AnyObject(string param) => new(null, null, null, false, param);
}
