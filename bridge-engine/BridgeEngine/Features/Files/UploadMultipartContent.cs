using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace BridgeEngine.Features.Files;

/// <summary>
/// Protocol §8.1: the one-part multipart body in the form libcurl ([GWA]) and the browser write, by hand, because
/// .NET's <see cref="MultipartFormDataContent"/> quotes the boundary, writes <c>name=file</c> unquoted with a
/// <c>filename*</c>, and may go chunked. Header: <c>multipart/form-data; boundary=…</c> (unquoted). Part:
/// <c>Content-Disposition: form-data; name="file"; filename="…"</c>, then <c>Content-Type</c>. The length is known
/// up front (<see cref="TryComputeLength"/>), so a <c>Content-Length</c> is sent instead of chunks, and the file's
/// bytes are streamed between the part head and the closing boundary, never copied.
/// </summary>
internal sealed class UploadMultipartContent : HttpContent
{
    private const string FallbackMime = "application/octet-stream";
    private const string BoundaryAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly Stream _file;
    private readonly long _fileLength;
    private readonly long? _start;
    private bool _started;

    /// <param name="fileName">The name sent in the part (see <see cref="QuoteFileName"/> for the escaping).</param>
    /// <param name="mimeType">The part's Content-Type; anything that is not a plain media type becomes application/octet-stream.</param>
    /// <param name="file">The bytes, read from the current position; the caller keeps owning the stream.</param>
    /// <param name="fileLength">Exactly how many bytes <paramref name="file"/> holds from its current position.</param>
    /// <param name="boundary">A fixed boundary (tests); by default a fresh one in the browser's form.</param>
    public UploadMultipartContent(string fileName, string mimeType, Stream file, long fileLength, string? boundary = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(fileLength);
        Boundary = boundary ?? NewBoundary();
        _file = file;
        _fileLength = fileLength;
        _start = file.CanSeek ? file.Position : null;
        var part = new StringBuilder()
            .Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"file\"; filename=\"").Append(QuoteFileName(fileName)).Append("\"\r\n")
            .Append("Content-Type: ").Append(SafeMime(mimeType)).Append("\r\n")
            .Append("\r\n");
        _head = Encoding.UTF8.GetBytes(part.ToString());
        _tail = Encoding.ASCII.GetBytes("\r\n--" + Boundary + "--\r\n");

        // Unquoted, as libcurl and the browser send it; the boundary is a token, so no quotes are needed.
        Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + Boundary);
    }

    public string Boundary { get; }

    /// <summary>
    /// The file name between the quotes. Non-ASCII stays raw UTF-8 (as browsers send it; no <c>filename*</c>, which
    /// §8.1 says libcurl and the browser never write). <c>"</c>, CR and LF are percent-encoded as the HTML standard has
    /// browsers do, so the name can neither end the quoted string nor the header line. A backslash (which a
    /// quoted-string reader takes as an escape, so <c>a\</c> would swallow the closing quote) and other control
    /// characters are replaced with <c>_</c>: no browser sends them in a picked file's name.
    /// </summary>
    public static string QuoteFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var quoted = new StringBuilder(fileName.Length + 8);
        foreach (var c in fileName)
        {
            _ = c switch
            {
                '"' => quoted.Append("%22"),
                '\r' => quoted.Append("%0D"),
                '\n' => quoted.Append("%0A"),
                '\\' => quoted.Append('_'),
                _ when char.IsControl(c) => quoted.Append('_'),
                _ => quoted.Append(c),
            };
        }

        return quoted.ToString();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _head.Length + _fileLength + _tail.Length;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Rewind();
        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var left = _fileLength;
            while (left > 0)
            {
                var read = await _file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // The declared Content-Length can no longer be met; the HTTP client reports the request as failed.
                    throw new IOException($"The file ended {left} bytes before its declared length of {_fileLength} bytes.");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The HTTP client may send the content again (a reused connection that failed): seekable files start over.</summary>
    private void Rewind()
    {
        if (_start is { } start)
        {
            _file.Position = start;
        }
        else if (_started)
        {
            throw new InvalidOperationException("The upload's file stream cannot be read a second time.");
        }

        _started = true;
    }

    private static string SafeMime(string mimeType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(mimeType, out var parsed) && parsed.MediaType is { Length: > 0 }
            && !mimeType.AsSpan().ContainsAny('\r', '\n')
            ? mimeType
            : FallbackMime;

    /// <summary>Chrome's form (the identity the gateway presents, §2.6): <c>----WebKitFormBoundary</c> + 16 letters and digits.</summary>
    private static string NewBoundary() => "----WebKitFormBoundary" + RandomNumberGenerator.GetString(BoundaryAlphabet, 16);
}
