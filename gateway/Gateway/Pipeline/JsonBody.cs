using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BridgeEngine.Errors;

namespace Gateway.Pipeline;

/// <summary>
/// Reads a JSON request body under a hard byte limit enforced while reading, before anything is parsed (the one body
/// rule, <see cref="BodyLimits"/>). Bytes beyond the plain JSON limit are allowed only inside long string values (base64
/// file data): a body whose structure alone is over the limit is refused before a <see cref="JsonDocument"/> is built,
/// so no body can make the parser's index grow past a few megabytes. Every refusal is INVALID_BODY; nothing of the body
/// is echoed.
/// </summary>
internal static class JsonBody
{
    /// <summary>String values longer than this count as file data, not structure.</summary>
    private const int LongStringBytes = 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <param name="limit">The body's limits (see <see cref="BodyLimits"/>).</param>
    /// <param name="optional">An empty body stands for <c>{}</c>.</param>
    /// <param name="fileDataProperty">The property that carries the file data, if only it may take a body past the JSON limit
    /// (native <c>files</c>); null = file data may sit anywhere (the compatible surfaces' message parts).</param>
    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, BodyLimit limit, bool optional, CancellationToken cancellationToken, string? fileDataProperty = null)
    {
        BodyLimits.Apply(request.HttpContext, limit.HardBytes);
        if (request.ContentLength > limit.HardBytes)
        {
            throw TooLarge(limit);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit.HardBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw TooLarge(limit);
            }

            if (!result.IsCompleted)
            {
                // Nothing consumed yet: ask the pipe for more without dropping what was read.
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            try
            {
                var document = Parse(buffer, request.ContentType, limit, optional);
                if (fileDataProperty is not null && buffer.Length > limit.JsonBytes
                    && !(document.RootElement.TryGetProperty(fileDataProperty, out var files) && files.ValueKind != JsonValueKind.Null))
                {
                    document.Dispose();
                    throw TooLarge(limit with { HardBytes = limit.JsonBytes });
                }

                return document;
            }
            finally
            {
                reader.AdvanceTo(buffer.End);
            }
        }
    }

    private static JsonDocument Parse(ReadOnlySequence<byte> body, string? contentType, BodyLimit limit, bool optional)
    {
        if (IsBlank(body))
        {
            if (optional)
            {
                return JsonDocument.Parse("{}");
            }

            throw Invalid("The body is empty; send a JSON object.");
        }

        if (!IsJson(contentType))
        {
            throw Invalid("The body must be JSON (Content-Type: application/json).");
        }

        try
        {
            if (body.Length > limit.JsonBytes)
            {
                EnsureStructureWithin(body, limit);
            }

            var json = new Utf8JsonReader(body, ReaderOptions);
            var document = JsonDocument.ParseValue(ref json);
            if (json.BytesConsumed != body.Length && !IsBlank(body.Slice(json.BytesConsumed)))
            {
                document.Dispose();
                throw Invalid("The body holds more than one JSON value.");
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Invalid("The body must be a JSON object.");
            }

            if (!BridgeEngine.Parsing.Utf8Text.IsValidJsonText(body))
            {
                // Field readers call GetString(), which throws InvalidOperationException on such text.
                document.Dispose();
                throw Invalid("The body holds text that is not valid UTF-8 or Unicode (for example a lone surrogate escape).");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw Invalid($"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
        }
    }

    /// <summary>A pass with the forward-only reader (no index built): the bytes outside long strings must fit the JSON limit.</summary>
    private static void EnsureStructureWithin(ReadOnlySequence<byte> body, BodyLimit limit)
    {
        if (!limit.AllowsFileData)
        {
            throw TooLarge(limit with { HardBytes = limit.JsonBytes });
        }

        var reader = new Utf8JsonReader(body, ReaderOptions);
        long fileData = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length > LongStringBytes)
                {
                    fileData += length;
                }
            }

            if (reader.BytesConsumed - fileData > limit.JsonBytes)
            {
                throw Invalid($"The body is larger than {limit.JsonBytes} bytes; only base64 file data may go past that limit.");
            }
        }
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    private static bool IsBlank(ReadOnlySequence<byte> rest)
    {
        var reader = new SequenceReader<byte>(rest);
        reader.AdvancePastAny((byte)' ', (byte)'\r', (byte)'\n', (byte)'\t');
        return reader.End;
    }

    private static BridgeException TooLarge(BodyLimit limit) => Invalid($"The body is larger than {limit.HardBytes} bytes.");

    private static BridgeException Invalid(string message) => new(BridgeErrorCode.InvalidBody, message);
}
