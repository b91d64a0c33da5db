using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>
/// Checks that JSON holds real text. Utf8JsonReader accepts invalid UTF-8 bytes inside strings and lone
/// surrogate escapes (<c>"\ud800"</c>); <see cref="JsonElement.GetString"/> then throws
/// InvalidOperationException wherever a parser reads the value. Checked once where bytes enter
/// (request bodies, upstream frames), so a bad input is refused with its public code instead.
/// </summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValid(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return System.Text.Unicode.Utf8.IsValid(bytes.FirstSpan);
        }

        // A code point may be split across segments: a stateful decoder that throws on invalid input.
        var decoder = StrictUtf8.GetDecoder();
        try
        {
            foreach (var segment in bytes)
            {
                decoder.GetCharCount(segment.Span, flush: false);
            }

            decoder.GetCharCount([], flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>True when the bytes are UTF-8 and no escaped string or property name decodes to a lone surrogate.</summary>
    public static bool IsValidJsonText(ReadOnlySequence<byte> json)
    {
        if (!json.IsSingleSegment && json.Length <= 64 * 1024 * 1024)
        {
            // A frame split across pipe segments: one copy into a pooled buffer is cheaper than the stateful
            // decoder and the tokenizing pass the split form would need.
            var length = (int)json.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                json.CopyTo(buffer);
                return IsValidJsonText(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (!IsValid(json))
        {
            return false;
        }

        // Hot path (every upstream frame): without anything that could be a surrogate escape, valid UTF-8 is
        // valid text, and the tokenizing pass below is skipped. Split buffers take the full pass.
        if (json.IsSingleSegment && !MayHoldSurrogateEscape(json.FirstSpan))
        {
            return true;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                // Only an escape of a surrogate (\uD800-\uDFFF) can be invalid; everything else decodes.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && (reader.HasValueSequence ? MayHoldSurrogateEscape(reader.ValueSequence.ToArray()) : MayHoldSurrogateEscape(reader.ValueSpan)))
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            // Syntax is the parser's business; it reports it with its own message.
        }

        return true;
    }

    /// <summary>The same check for UTF-8 bytes already known to be one decoded payload; the full pass only runs when an escape could be a surrogate.</summary>
    public static bool IsValidJsonText(ReadOnlySpan<byte> json) =>
        System.Text.Unicode.Utf8.IsValid(json) && (!MayHoldSurrogateEscape(json) || IsValidJsonText(new ReadOnlySequence<byte>(json.ToArray())));

    /// <summary>The same check for a JSON text held in a string (the payloads nested inside frames).</summary>
    public static bool IsValidJsonText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return !MayHoldSurrogateEscape(json.AsSpan()) || IsValidJsonText(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
    }

    private static bool MayHoldSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        for (var i = raw.IndexOf("\\u"u8); i >= 0 && i + 3 < raw.Length; i = NextEscape(raw, i))
        {
            if (raw[i + 2] is (byte)'d' or (byte)'D' && raw[i + 3] is >= (byte)'8' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> raw, int from)
    {
        var next = raw[(from + 2)..].IndexOf("\\u"u8);
        return next < 0 ? -1 : from + 2 + next;
    }

    private static bool MayHoldSurrogateEscape(ReadOnlySpan<char> raw)
    {
        for (var i = raw.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 3 < raw.Length; i = NextEscape(raw, i))
        {
            if (raw[i + 2] is 'd' or 'D' && raw[i + 3] is >= '8' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F')
            {
                return true;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<char> raw, int from)
    {
        var next = raw[(from + 2)..].IndexOf("\\u", StringComparison.Ordinal);
        return next < 0 ? -1 : from + 2 + next;
    }
}
