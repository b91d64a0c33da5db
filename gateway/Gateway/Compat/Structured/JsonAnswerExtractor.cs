using System.Text.Json;
using BridgeEngine.Parsing;

namespace Gateway.Compat.Structured;

/// <summary>
/// Takes the JSON value out of a model's answer: the whole answer, or the one fenced block it is in
/// (```json ... ``` or ``` ... ```), surrounding whitespace ignored. Anything else (prose around the JSON, two
/// values, invalid JSON) is not extracted: the caller asks for a repair rather than guess.
/// </summary>
internal static class JsonAnswerExtractor
{
    public static bool TryExtract(string answer, out JsonElement value, out string error)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
            var tag = firstLine < 0 ? string.Empty : text[3..firstLine].Trim();
            if (firstLine < 0 || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < firstLine + 4 || (tag.Length > 0 && !tag.Equals("json", StringComparison.OrdinalIgnoreCase)))
            {
                value = default;
                error = "the reply must be only the JSON value (optionally in one ```json fenced block)";
                return false;
            }

            text = text[(firstLine + 1)..^3].Trim();
        }

        if (text.Length == 0)
        {
            value = default;
            error = "the reply held no JSON value";
            return false;
        }

        if (!Utf8Text.IsValidJsonText(text))
        {
            // Every later read of such a string would throw: the model gets a repair turn instead.
            value = default;
            error = "the reply holds a \\u escape that is not valid Unicode (a lone surrogate); reply with valid JSON";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            value = document.RootElement.Clone();
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            value = default;
            error = $"the reply is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}); reply with only the JSON value";
            return false;
        }
    }
}
