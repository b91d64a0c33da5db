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

    public Task WritePrefixAsync() => WriteRawAsync(XssiPrefix);

    /// <summary>Writes one frame whose JSON is <paramref name="frame"/> serialized by <see cref="JsonText"/>.</summary>
    public Task WriteFrameAsync(object? frame) => WriteJsonFrameAsync(JsonText.Serialize(frame));

    /// <summary>Writes one frame around already serialized (possibly deliberately broken) JSON.</summary>
    public async Task WriteJsonFrameAsync(string json)
    {
        // §2.4: string.Length counts UTF-16 code units, which is exactly the unit the real server uses.
        var length = json.Length + 2;
        await WriteRawAsync(length.ToString(CultureInfo.InvariantCulture) + "\n" + json + "\n");
        _frames++;
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
    }

    private async Task WriteRawAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _bytesWritten += bytes.Length;
        await _response.Body.WriteAsync(bytes, _cancellationToken);
        await _response.Body.FlushAsync(_cancellationToken);
    }
}
