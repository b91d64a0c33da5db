namespace GeminiSimulator.Endpoints;

/// <summary>
/// Reads a request body through while keeping its first and last bytes and its size, so a captured upload shows the
/// multipart framing exactly as sent (§8.1) without holding the file.
/// </summary>
internal sealed class CapturingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private int _headLength;
    private int _tailLength;
    private long _total;

    public CapturingReadStream(Stream inner, int headBytes, int tailBytes)
    {
        _inner = inner;
        _head = new byte[headBytes];
        _tail = new byte[tailBytes];
    }

    public long TotalBytes => _total;

    /// <summary>The first bytes read (up to the head size).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    /// <summary>The last bytes read (up to the tail size), in order.</summary>
    public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _tailLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Keep(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Keep(ReadOnlySpan<byte> read)
    {
        var toHead = Math.Min(read.Length, _head.Length - _headLength);
        read[..toHead].CopyTo(_head.AsSpan(_headLength));
        _headLength += toHead;
        if (read.Length >= _tail.Length)
        {
            read[^_tail.Length..].CopyTo(_tail);
            _tailLength = _tail.Length;
        }
        else
        {
            var keep = Math.Min(_tailLength, _tail.Length - read.Length);
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            read.CopyTo(_tail.AsSpan(keep));
            _tailLength = keep + read.Length;
        }

        _total += read.Length;
        return read.Length;
    }
}
