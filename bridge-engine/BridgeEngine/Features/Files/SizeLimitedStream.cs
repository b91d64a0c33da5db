using BridgeEngine.Errors;

namespace BridgeEngine.Features.Files;

/// <summary>
/// Passes a caller's file through to the upload without holding it: counts bytes as they are read and stops at
/// the limit. The refusal is kept in <see cref="Violation"/>, because the HTTP client wraps whatever the content
/// stream throws.
/// </summary>
public sealed class SizeLimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly Func<BridgeException> _onExceeded;

    public SizeLimitedStream(Stream inner, long limit, Func<BridgeException> onExceeded)
    {
        _inner = inner;
        _limit = limit;
        _onExceeded = onExceeded;
    }

    public long BytesRead { get; private set; }

    public BridgeException? Violation { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return Count(_inner.Read(buffer, offset, count));
        }
        catch (IOException ex) when (ex is not EndOfStreamException)
        {
            throw CallerBodyBroken();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException ex) when (ex is not EndOfStreamException && !cancellationToken.IsCancellationRequested)
        {
            throw CallerBodyBroken();
        }
    }

    /// <summary>
    /// The caller's body broke while it was being passed on (a multipart body cut before its boundary): the
    /// caller's fault, not upstream's, although the HTTP client would report it as a failed upload.
    /// </summary>
    private BridgeException CallerBodyBroken()
    {
        Violation ??= new BridgeException(BridgeErrorCode.InvalidBody, "A file part ended early: the request body was cut before its closing boundary.");
        return Violation;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > _limit)
        {
            Violation ??= _onExceeded();
            throw Violation;
        }

        return read;
    }
}
