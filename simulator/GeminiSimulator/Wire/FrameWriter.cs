using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Wire;

/// <summary>
/// Writes a §2.4 body: <c>)]}'\n\n</c> then <c>&lt;len&gt;\n&lt;json&gt;\n</c> frames where len is the UTF-16
/// length of the JSON plus 2 (the two newlines). Every frame is flushed as its own chunk.
/// </summary>
internal sealed class FrameWriter
{
    public const string XssiPrefix = ")]}'\n\n";

    private readonly HttpResponse _response;
    private readonly CancellationToken _cancellationToken;
    private long _bytesWritten;
    private int _frames;

    public FrameWriter(HttpResponse response, CancellationToken cancellationToken)
    {
        _response = response;
        _cancellationToken = cancellationToken;
    }

    public int FramesWritten => _frames;

    /// <summary>§2.4.1 switch; <see cref="FramingVariant.Real"/> unless a fault says otherwise.</summary>
    public FramingVariant Variant { get; set; }

    private readonly List<string> _held = [];

    public Task WritePrefixAsync() => Variant switch
    {
        FramingVariant.NoPrefix => Task.CompletedTask,
        FramingVariant.WhitespaceBeforePrefix => WriteRawAsync("  \n\t" + XssiPrefix),
        _ => WriteRawAsync(XssiPrefix),
    };

    /// <summary>Writes one frame whose JSON is <paramref name="frame"/> serialized by <see cref="JsonText"/>.</summary>
    public Task WriteFrameAsync(object? frame) => WriteJsonFrameAsync(JsonText.Serialize(frame));

    /// <summary>Writes one frame around already serialized (possibly deliberately broken) JSON.</summary>
    public async Task WriteJsonFrameAsync(string json)
    {
        // §2.4: string.Length counts UTF-16 code units, which is exactly the unit the real server uses.
        _frames++;
        switch (Variant)
        {
            case FramingVariant.Utf16PlusOne:
                // The newline that would end this frame starts the next one, so the last frame has none.
                await WriteRawAsync((_frames > 1 ? "\n" : string.Empty) + (json.Length + 1).ToString(CultureInfo.InvariantCulture) + "\n" + json);
                return;
            case FramingVariant.Utf8Bytes:
                await WriteRawAsync(Encoding.UTF8.GetByteCount(json).ToString(CultureInfo.InvariantCulture) + "\n" + json + "\n");
                return;
            case FramingVariant.MultiLine:
                var spread = SpreadOverLines(json);
                await WriteRawAsync((spread.Length + 2).ToString(CultureInfo.InvariantCulture) + "\n" + spread + "\n");
                return;
            case FramingVariant.MultiLineWrongLength:
                await WriteRawAsync("31943\n" + SpreadOverLines(json) + "\n");
                return;
            case FramingVariant.NoLengthLines:
                // Held until the end: the whole body is one array of every envelope (§2.4.1, [ISS] #219).
                _held.Add(json[1..^1]);
                return;
            default:
                await WriteRawAsync((json.Length + 2).ToString(CultureInfo.InvariantCulture) + "\n" + json + "\n");
                return;
        }
    }

    /// <summary>§2.4: the bookkeeping frames that end every body.</summary>
    public async Task WriteTrailerAsync()
    {
        var elapsed = 10 + (_frames * 7);
        await WriteFrameAsync(new object?[]
        {
            new object?[] { "di", elapsed },
            new object?[] { "af.httprm", elapsed - 1, "-1234567890123456789", _bytesWritten },
        });
        await WriteFrameAsync(new object?[] { new object?[] { "e", 4, null, null, _bytesWritten } });
        if (Variant == FramingVariant.NoLengthLines)
        {
            await WriteRawAsync("[" + string.Join(",", _held) + "]\n");
        }
    }

    /// <summary>A newline after every comma outside strings: still one JSON value, now over many lines.</summary>
    private static string SpreadOverLines(string json)
    {
        var sb = new StringBuilder(json.Length + 64);
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            sb.Append(c);
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = inString;
            }
            else if (c == '"')
            {
                inString = !inString;
            }
            else if (c == ',' && !inString)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private async Task WriteRawAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _bytesWritten += bytes.Length;
        await _response.Body.WriteAsync(bytes, _cancellationToken);
        await _response.Body.FlushAsync(_cancellationToken);
    }
}
