using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeEngine.Errors;

namespace BridgeEngine.Parsing;

/// <summary>
/// Reads the length-prefixed frame stream of StreamGenerate and batchexecute (protocol §2.4) incrementally,
/// yielding each JSON frame as soon as its line is complete: the whole body is never held at once.
/// The document recommends line-based parsing (a frame's JSON never holds a raw newline), which is robust to
/// both length conventions seen in the wild; length lines are therefore only skipped, not trusted.
/// </summary>
public static class ResponseFrameReader
{
    private static ReadOnlySpan<byte> XssiPrefix => ")]}'"u8;

    /// <summary>A single frame larger than this is treated as malformed, so a broken upstream cannot exhaust memory.</summary>
    public const int MaxFrameBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Yields one parsed frame per JSON line. The caller owns each <see cref="JsonDocument"/> and disposes it.
    /// <paramref name="onRead"/> runs after every successful read (the idle timeout resets there).
    /// </summary>
    public static async IAsyncEnumerable<JsonDocument> ReadAsync(
        PipeReader reader,
        Action? onRead,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefixSeen = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            onRead?.Invoke();
            var buffer = result.Buffer;
            var frames = new List<JsonDocument>();
            Exception? failure = null;
            try
            {
                while (TryReadLine(ref buffer, out var line))
                {
                    if (ParseLine(line, ref prefixSeen) is { } frame)
                    {
                        frames.Add(frame);
                    }
                }

                if (result.IsCompleted)
                {
                    // A last line without its newline: parse it if it is whole, otherwise the stream was cut.
                    if (!buffer.IsEmpty && ParseLine(buffer, ref prefixSeen) is { } last)
                    {
                        frames.Add(last);
                    }

                    buffer = buffer.Slice(buffer.End);
                }
                else if (buffer.Length > MaxFrameBytes)
                {
                    throw UpstreamErrorMapper.Malformed("a frame exceeds the size limit");
                }
            }
            catch (BridgeException ex)
            {
                // Frames before the broken one are still delivered, in order; the failure follows them.
                failure = ex;
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            foreach (var frame in frames)
            {
                yield return frame;
            }

            if (failure is not null)
            {
                throw failure;
            }

            if (result.IsCompleted)
            {
                if (!prefixSeen)
                {
                    throw UpstreamErrorMapper.Malformed("empty body");
                }

                yield break;
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static JsonDocument? ParseLine(ReadOnlySequence<byte> line, ref bool prefixSeen)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\r', (byte)'\t');
        if (!prefixSeen)
        {
            if (reader.End)
            {
                return null;
            }

            if (!reader.IsNext(XssiPrefix, advancePast: true))
            {
                throw UpstreamErrorMapper.Malformed("missing anti-XSSI prefix");
            }

            prefixSeen = true;
            reader.AdvancePastAny((byte)' ', (byte)'\r', (byte)'\t');
        }

        if (reader.End)
        {
            return null;
        }

        if (!reader.TryPeek(out var first))
        {
            return null;
        }

        if (first is >= (byte)'0' and <= (byte)'9')
        {
            // A length line (§2.4); digits only, possibly followed by a frame on the same line in compact bodies.
            reader.AdvancePastAny("0123456789"u8);
            reader.AdvancePastAny((byte)' ', (byte)'\r', (byte)'\t');
            if (reader.End)
            {
                return null;
            }

            reader.TryPeek(out first);
        }

        if (first != (byte)'[')
        {
            throw UpstreamErrorMapper.Malformed("unexpected content between frames");
        }

        if (!Utf8Text.IsValidJsonText(reader.UnreadSequence))
        {
            // Utf8JsonReader accepts invalid UTF-8 inside strings and lone surrogate escapes; GetString() and
            // ValueEquals() would later throw InvalidOperationException deep in a parser. Refuse the frame here.
            throw UpstreamErrorMapper.Malformed("a frame is not valid Unicode text");
        }

        try
        {
            // ParseValue copies the frame into the document's own pooled buffer, so the pipe's buffer can be
            // released right after (JsonDocument.Parse over a sequence would keep pointing into it).
            var json = new Utf8JsonReader(reader.UnreadSequence, new JsonReaderOptions { MaxDepth = 256 });
            var document = JsonDocument.ParseValue(ref json);
            if (json.BytesConsumed != reader.Remaining && !IsOnlyWhitespace(reader.UnreadSequence.Slice(json.BytesConsumed)))
            {
                document.Dispose();
                throw UpstreamErrorMapper.Malformed("trailing content after a frame");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini sent a truncated or malformed frame.", null, ex);
        }
    }

    private static bool IsOnlyWhitespace(ReadOnlySequence<byte> rest)
    {
        var reader = new SequenceReader<byte>(rest);
        reader.AdvancePastAny((byte)' ', (byte)'\r', (byte)'\t');
        return reader.End;
    }
}
