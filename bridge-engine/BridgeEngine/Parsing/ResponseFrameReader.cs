using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeEngine.Errors;

namespace BridgeEngine.Parsing;

/// <summary>
/// Reads the frame stream of StreamGenerate and batchexecute (protocol §2.4, §2.4.1) incrementally, yielding each
/// JSON frame as soon as it is complete; the whole body is never held at once. Length-first with a line fallback,
/// as §2.4.1 recommends: optional leading whitespace and optional <c>)]}'</c>; a digit-only line announces a frame
/// of that many UTF-16 code units counted from the newline after the digits; when that does not parse (a byte-count
/// length, a frame spread over lines with a wrong length) or there is no length line (the body without <c>rt=c</c>),
/// lines from the next <c>[</c> are accumulated until they parse as one JSON value; the next digit-only line
/// resynchronizes. A bad frame is counted and skipped, never fatal by itself.
/// </summary>
internal static class ResponseFrameReader
{
    private static ReadOnlySpan<byte> XssiPrefix => ")]}'"u8;

    private static ReadOnlySpan<byte> Blank => " \t\r\n"u8;

    /// <summary>A single frame larger than this is treated as malformed, so a broken upstream cannot exhaust memory.</summary>
    public const int MaxFrameBytes = 32 * 1024 * 1024;

    private enum Step
    {
        Progress,
        NeedMore,
        End,
    }

    /// <summary>
    /// Yields the frames of one body. The caller owns each <see cref="JsonDocument"/> and disposes it.
    /// <paramref name="onRead"/> runs after every successful read (the idle timeout resets there).
    /// </summary>
    public static async IAsyncEnumerable<JsonDocument> ReadAsync(
        PipeReader reader,
        Action? onRead,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        FrameReadStats? stats = null)
    {
        stats ??= new FrameReadStats();
        var state = new State();
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            onRead?.Invoke();
            var buffer = result.Buffer;
            var frames = new List<JsonDocument>();
            Exception? failure = null;
            try
            {
                while (true)
                {
                    var step = TryRead(ref buffer, result.IsCompleted, state, stats, out var frame);
                    if (frame is not null)
                    {
                        frames.Add(frame);
                    }

                    if (step == Step.End)
                    {
                        buffer = buffer.Slice(buffer.End);
                        break;
                    }

                    if (step == Step.NeedMore)
                    {
                        break;
                    }
                }

                if (!result.IsCompleted && buffer.Length > MaxFrameBytes)
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

            state.Frames += frames.Count;
            if (result.IsCompleted)
            {
                if (!state.SawContent)
                {
                    throw UpstreamErrorMapper.Malformed("empty body");
                }

                // Skipped frames are never fatal by themselves, but a body of nothing else is not a Gemini answer.
                if (state.Frames == 0 && stats.BadFrames > 0)
                {
                    throw UpstreamErrorMapper.Malformed("no readable frame in the body");
                }

                yield break;
            }
        }
    }

    private static Step TryRead(ref ReadOnlySequence<byte> buffer, bool completed, State state, FrameReadStats stats, out JsonDocument? frame)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        reader.AdvancePastAny(Blank);
        buffer = buffer.Slice(reader.Position);
        if (reader.End)
        {
            return completed ? Step.End : Step.NeedMore;
        }

        state.SawContent = true;
        if (!state.PrefixDone)
        {
            // §2.4.1: the prefix is optional, and whitespace before it is tolerated ([LEE], line-based).
            if (reader.Remaining < XssiPrefix.Length && !completed && StartsPrefix(reader.UnreadSequence))
            {
                return Step.NeedMore;
            }

            if (reader.IsNext(XssiPrefix, advancePast: true))
            {
                stats.HadXssiPrefix = true;
            }

            state.PrefixDone = true;
            buffer = buffer.Slice(reader.Position);
            return Step.Progress;
        }

        reader.TryPeek(out var first);
        if (first is >= (byte)'0' and <= (byte)'9')
        {
            return ReadByLength(ref buffer, completed, stats, out frame);
        }

        if (first == (byte)'[')
        {
            return ReadByLines(ref buffer, buffer.Start, completed, stats, out frame);
        }

        return SkipLine(ref buffer, buffer.Start, completed, stats);
    }

    /// <summary>A length line: the digits, then exactly that many UTF-16 units from the newline after them (§2.4).</summary>
    private static Step ReadByLength(ref ReadOnlySequence<byte> buffer, bool completed, FrameReadStats stats, out JsonDocument? frame)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        long units = 0;
        while (reader.TryPeek(out var digit) && digit is >= (byte)'0' and <= (byte)'9')
        {
            units = Math.Min((units * 10) + (digit - '0'), (long)MaxFrameBytes * 4);
            reader.Advance(1);
        }

        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        if (reader.End)
        {
            if (completed)
            {
                stats.BadFrames++;
                return Step.End;
            }

            return Step.NeedMore;
        }

        reader.TryPeek(out var next);
        if (next != (byte)'\n')
        {
            // A frame on the same line as its length (compact bodies), or stray bytes ([LEE] skips them).
            return next == (byte)'[' ? ReadByLines(ref buffer, reader.Position, completed, stats, out frame) : SkipLine(ref buffer, reader.Position, completed, stats);
        }

        var newline = reader.Position;
        var afterNewline = buffer.GetPosition(1, newline);
        var chunk = buffer.Slice(newline);
        if (units > MaxFrameBytes || !TryTakeUtf16Units(chunk, units, out var consumed))
        {
            if (!completed && units <= MaxFrameBytes)
            {
                return Step.NeedMore;
            }

            // The body ended before the announced length (or the length is absurd): read it line-wise.
            return ReadByLines(ref buffer, afterNewline, completed, stats, out frame);
        }

        var end = chunk.GetPosition(consumed);
        if (TryParseWhole(buffer.Slice(newline, end), out frame))
        {
            stats.ByLength++;
            buffer = buffer.Slice(end);
            return Step.Progress;
        }

        // §2.4.1: the length did not fit the frame (e.g. UTF-8 bytes without the newlines): fall back to lines.
        return ReadByLines(ref buffer, afterNewline, completed, stats, out frame);
    }

    /// <summary>
    /// Accumulates lines from <paramref name="from"/> until they parse as one JSON value. A digit-only line before
    /// that ends the attempt: the lines so far were a bad frame, and the length line resynchronizes.
    /// </summary>
    private static Step ReadByLines(ref ReadOnlySequence<byte> buffer, SequencePosition from, bool completed, FrameReadStats stats, out JsonDocument? frame)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer.Slice(from));
        reader.AdvancePastAny(Blank);
        if (reader.End)
        {
            buffer = buffer.Slice(reader.Position);
            return completed ? Step.End : Step.NeedMore;
        }

        var start = reader.Position;
        reader.TryPeek(out var first);
        if (first != (byte)'[')
        {
            // Not a frame: a length line resynchronizes, anything else is skipped.
            if (first is >= (byte)'0' and <= (byte)'9')
            {
                stats.BadFrames++;
                buffer = buffer.Slice(start);
                return Step.Progress;
            }

            return SkipLine(ref buffer, start, completed, stats);
        }

        while (true)
        {
            if (!reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: false))
            {
                if (!completed)
                {
                    return Step.NeedMore;
                }

                if (TryParseWhole(buffer.Slice(start), out frame))
                {
                    stats.ByLines++;
                }
                else
                {
                    stats.BadFrames++;
                }

                buffer = buffer.Slice(buffer.End);
                return Step.End;
            }

            var lineEnd = reader.Position;
            reader.Advance(1);
            if (TryParseWhole(buffer.Slice(start, lineEnd), out frame))
            {
                stats.ByLines++;
                buffer = buffer.Slice(reader.Position);
                return Step.Progress;
            }

            var next = IsDigitLine(reader.UnreadSequence);
            if (next is null && !completed)
            {
                return Step.NeedMore;
            }

            if (next == true || buffer.Slice(start, lineEnd).Length > MaxFrameBytes)
            {
                stats.BadFrames++;
                buffer = buffer.Slice(reader.Position);
                return Step.Progress;
            }
        }
    }

    private static Step SkipLine(ref ReadOnlySequence<byte> buffer, SequencePosition from, bool completed, FrameReadStats stats)
    {
        var rest = buffer.Slice(from);
        var newline = rest.PositionOf((byte)'\n');
        if (newline is null)
        {
            if (!completed)
            {
                return Step.NeedMore;
            }

            stats.BadFrames++;
            return Step.End;
        }

        stats.BadFrames++;
        buffer = buffer.Slice(rest.GetPosition(1, newline.Value));
        return Step.Progress;
    }

    /// <summary>True when the next line is digits only, false when it is something else, null when it is not complete yet.</summary>
    private static bool? IsDigitLine(ReadOnlySequence<byte> rest)
    {
        var reader = new SequenceReader<byte>(rest);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        var digits = reader.AdvancePastAny("0123456789"u8);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        if (!reader.TryPeek(out var next))
        {
            return null;
        }

        return digits > 0 && next == (byte)'\n';
    }

    /// <summary>
    /// Finds how many bytes hold <paramref name="units"/> UTF-16 code units: every byte that is not a UTF-8
    /// continuation byte starts one code point, and a 4-byte one (outside the BMP) is two units.
    /// </summary>
    private static bool TryTakeUtf16Units(ReadOnlySequence<byte> bytes, long units, out long consumed)
    {
        consumed = 0;
        long counted = 0;
        long position = 0;
        var reached = units == 0;
        foreach (var segment in bytes)
        {
            foreach (var b in segment.Span)
            {
                var continuation = (b & 0xC0) == 0x80;
                if (reached && !continuation)
                {
                    consumed = position;
                    return true;
                }

                if (!continuation)
                {
                    counted += b >= 0xF0 ? 2 : 1;
                }

                position++;
                reached |= counted >= units;
            }
        }

        consumed = position;
        return reached;
    }

    /// <summary>One JSON value and nothing but whitespace around it; false (never a throw) otherwise.</summary>
    private static bool TryParseWhole(ReadOnlySequence<byte> text, out JsonDocument? document)
    {
        document = null;
        var reader = new SequenceReader<byte>(text);
        reader.AdvancePastAny(Blank);
        if (!reader.TryPeek(out var first) || first != (byte)'[')
        {
            return false;
        }

        var json = reader.UnreadSequence;
        if (!Utf8Text.IsValidJsonText(json))
        {
            // Utf8JsonReader accepts invalid UTF-8 inside strings and lone surrogate escapes; GetString() and
            // ValueEquals() would later throw InvalidOperationException deep in a parser. Refuse the frame here.
            return false;
        }

        try
        {
            // ParseValue copies the frame into the document's own pooled buffer, so the pipe's buffer can be
            // released right after (JsonDocument.Parse over a sequence would keep pointing into it).
            var jsonReader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            var parsed = JsonDocument.ParseValue(ref jsonReader);
            var rest = new SequenceReader<byte>(json.Slice(jsonReader.BytesConsumed));
            rest.AdvancePastAny(Blank);
            if (!rest.End)
            {
                parsed.Dispose();
                return false;
            }

            document = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool StartsPrefix(ReadOnlySequence<byte> rest)
    {
        Span<byte> head = stackalloc byte[4];
        var length = (int)Math.Min(rest.Length, 4);
        rest.Slice(0, length).CopyTo(head);
        return XssiPrefix.StartsWith(head[..length]);
    }

    private sealed class State
    {
        public bool PrefixDone { get; set; }

        public bool SawContent { get; set; }

        public int Frames { get; set; }
    }
}
