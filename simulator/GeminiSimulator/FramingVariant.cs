namespace GeminiSimulator;

/// <summary>The body variants of protocol §2.4.1's table, one switch each.</summary>
public enum FramingVariant
{
    /// <summary><c>)]}'</c>, a blank line, <c>len\njson\n</c> frames, len = UTF-16(json)+2 (what Google sends).</summary>
    Real,

    /// <summary>len = UTF-16(json)+1 and no newline after the last frame.</summary>
    Utf16PlusOne,

    /// <summary>len = UTF-8 bytes of the JSON, newlines not counted.</summary>
    Utf8Bytes,

    /// <summary>Each frame spread over several lines, correct len.</summary>
    MultiLine,

    /// <summary>Several lines per frame and a wrong len (31943).</summary>
    MultiLineWrongLength,

    /// <summary>No <c>)]}'</c> prefix.</summary>
    NoPrefix,

    /// <summary>Whitespace before <c>)]}'</c>.</summary>
    WhitespaceBeforePrefix,

    /// <summary>No length lines: the whole body one JSON array of all envelopes (the body without <c>rt=c</c>).</summary>
    NoLengthLines,
}
