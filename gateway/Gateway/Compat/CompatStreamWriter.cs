using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Compat;

/// <summary>
/// Writes one JSON value per message straight into the response pipe and flushes each one (an SSE <c>data:</c> line
/// or a JSON-array element): each is a self-contained piece the client may want now, so nothing is held back.
/// </summary>
public sealed class CompatStreamWriter : IDisposable
{
    private static ReadOnlySpan<byte> Heartbeat => ": keep-alive\n\n"u8;

    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;

    private CompatStreamWriter(PipeWriter pipe)
    {
        _pipe = pipe;
        _json = new Utf8JsonWriter(pipe, CompatJson.WriterOptions);
    }

    /// <summary>Starts a 200 streaming response with the headers that keep proxies from buffering it.</summary>
    public static async Task<CompatStreamWriter> StartAsync(HttpContext context, string contentType)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(context.RequestAborted);
        return new CompatStreamWriter(response.BodyWriter);
    }

    /// <summary>Writes <paramref name="prefix"/>, the JSON <paramref name="body"/> writes, <paramref name="suffix"/>, then flushes.</summary>
    public ValueTask<FlushResult> WriteAsync<TState>(ReadOnlySpan<byte> prefix, TState state, Action<Utf8JsonWriter, TState> body, ReadOnlySpan<byte> suffix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        _pipe.Write(prefix);
        _json.Reset(_pipe);
        body(_json, state);
        _json.Flush();
        _pipe.Write(suffix);
        return _pipe.FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteRawAsync(ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        _pipe.Write(bytes);
        return _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>An SSE comment: SSE clients (both SDKs included) skip it, proxies count it as traffic.</summary>
    public ValueTask<FlushResult> WriteHeartbeatAsync(CancellationToken cancellationToken) => WriteRawAsync(Heartbeat, cancellationToken);

    public void Dispose() => _json.Dispose();
}
