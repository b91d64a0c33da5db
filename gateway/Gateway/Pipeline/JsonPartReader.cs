using System.Buffers;
using System.Text.Json;

using BridgeEngine.Features.Common;

namespace Gateway.Pipeline;

/// <summary>
/// Reads a JSON object from a stream with a byte limit: the <c>request</c> part of a multipart chat. Request bodies
/// themselves go through <see cref="JsonBody"/>. Every refusal is INVALID_BODY; nothing of the part is echoed.
/// </summary>
internal static class JsonPartReader
{
    public static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Reads the body as one JSON object; <paramref name="optional"/> lets an empty body stand for <c>{}</c>.</summary>
    public static async Task<JsonDocument> ReadObjectAsync(Stream body, string? contentType, long? contentLength, int maxBytes, bool optional, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            throw FeatureErrors.InvalidBody($"The body is larger than {maxBytes} bytes.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw FeatureErrors.InvalidBody($"The body is larger than {maxBytes} bytes.");
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw FeatureErrors.InvalidBody($"The body is larger than {maxBytes} bytes.");
                }
            }

            if (length == 0 || buffer.AsSpan(0, length).Trim(" \r\n\t"u8).IsEmpty)
            {
                if (optional)
                {
                    return JsonDocument.Parse("{}");
                }

                throw FeatureErrors.InvalidBody("The body is empty; send a JSON object.");
            }

            if (!IsJson(contentType))
            {
                throw FeatureErrors.InvalidBody("The body must be JSON (Content-Type: application/json).");
            }

            JsonDocument document;
            try
            {
                // ParseValue copies what it keeps; the pooled buffer goes back to the pool below.
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), new JsonReaderOptions { MaxDepth = 32 });
                document = JsonDocument.ParseValue(ref reader);
                if (!buffer.AsSpan((int)reader.BytesConsumed, length - (int)reader.BytesConsumed).Trim(" \r\n\t"u8).IsEmpty)
                {
                    document.Dispose();
                    throw FeatureErrors.InvalidBody("The body holds more than one JSON value.");
                }
            }
            catch (JsonException ex)
            {
                throw FeatureErrors.InvalidBody($"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw FeatureErrors.InvalidBody("The body must be a JSON object.");
            }

            if (!BridgeEngine.Parsing.Utf8Text.IsValidJsonText(new ReadOnlySequence<byte>(buffer, 0, length)))
            {
                document.Dispose();
                throw FeatureErrors.InvalidBody("The body holds text that is not valid UTF-8 or Unicode (for example a lone surrogate escape).");
            }

            return document;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
