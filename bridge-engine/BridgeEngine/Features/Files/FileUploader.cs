using System.IO.Pipelines;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.Files;

/// <summary>
/// Protocol §8.1 ([GWA]): one multipart POST to content-push <c>/upload</c> with Push-ID (page value qKIAYe) and
/// <c>X-Tenant-Id: bard-storage</c>; the text body is the file reference sent in the generate call. The body is written
/// in the libcurl/browser form with a Content-Length (<see cref="UploadMultipartContent"/>); a file whose length is
/// known (given, or a seekable stream) is streamed through without a copy.
/// </summary>
public sealed class FileUploader
{
    private const int MaxReferenceChars = 2048;

    private readonly GeminiTransport _transport;
    private readonly TimeProvider _time;

    public FileUploader(GeminiTransport transport, TimeProvider time)
    {
        _transport = transport;
        _time = time;
    }

    public Task<UploadedFile> UploadAsync(UpstreamCall call, GeminiSession session, string fileName, string mimeType, Stream content, CancellationToken cancellationToken) =>
        UploadAsync(call, session, fileName, mimeType, content, null, cancellationToken);

    /// <param name="contentLength">
    /// The bytes <paramref name="content"/> holds from its position, when the caller knows them. Without it a seekable
    /// stream is measured, and any other is first read into pooled memory, since §8.1 sends a Content-Length.
    /// </param>
    public async Task<UploadedFile> UploadAsync(UpstreamCall call, GeminiSession session, string fileName, string mimeType, Stream content, long? contentLength, CancellationToken cancellationToken)
    {
        var options = _transport.Options;
        using var timeouts = new UpstreamTimeouts(options.Timeouts, _time, cancellationToken);
        var uri = new Uri(options.UploadBaseUrl, GeminiPaths.Upload);
        using var request = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: false);
        var origin = _transport.AppBase(call).GetLeftPart(UriPartial.Authority);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Referer", origin + "/");
        request.Headers.TryAddWithoutValidation("Push-ID", session.Page.PushId is { Length: > 0 } pushId ? pushId : GeminiPaths.DefaultPushId);
        request.Headers.TryAddWithoutValidation("X-Tenant-Id", "bard-storage");

        Pipe? buffered = null;
        try
        {
            var body = content;
            var length = contentLength ?? (content.CanSeek ? content.Length - content.Position : (long?)null);
            if (length is null)
            {
                buffered = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
                length = await BufferAsync(content, buffered, timeouts.Token).ConfigureAwait(false);
                body = buffered.Reader.AsStream(leaveOpen: true);
            }

            request.Content = new UploadMultipartContent(fileName, mimeType, body, length.Value);
            using var response = await _transport.SendAsync(request, call, timeouts.Token).ConfigureAwait(false);
            GeminiTransport.EnsureSuccess(response, "the upload endpoint");
            var reference = (await response.Content.ReadAsStringAsync(timeouts.Token).ConfigureAwait(false)).Trim();
            if (reference.Length is 0 or > MaxReferenceChars || reference.Any(char.IsWhiteSpace))
            {
                throw UpstreamErrorMapper.Malformed("the upload endpoint returned no file reference");
            }

            return new UploadedFile(reference, fileName);
        }
        catch (Exception) when (content is SizeLimitedStream { Violation: { } violation })
        {
            throw violation;
        }
        catch (Exception ex) when (!ReferenceEquals(timeouts.Translate(ex), ex))
        {
            throw timeouts.Translate(ex);
        }
        finally
        {
            if (buffered is not null)
            {
                await buffered.Reader.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads a stream of unknown length into the pipe's pooled segments and returns how many bytes it held.</summary>
    private static async Task<long> BufferAsync(Stream content, Pipe pipe, CancellationToken cancellationToken)
    {
        try
        {
            await content.CopyToAsync(pipe.Writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }

        var read = await pipe.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var length = read.Buffer.Length;
        pipe.Reader.AdvanceTo(read.Buffer.Start);
        return length;
    }
}
