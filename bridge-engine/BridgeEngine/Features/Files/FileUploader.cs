using System.Net.Http.Headers;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.Files;

/// <summary>
/// Protocol §8.1 ([GWA]): one multipart POST to content-push <c>/upload</c> with Push-ID (page value qKIAYe) and
/// <c>X-Tenant-Id: bard-storage</c>; the text body is the file reference sent in the generate call. The content is
/// streamed through (chunked), never buffered here.
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

    public async Task<UploadedFile> UploadAsync(UpstreamCall call, GeminiSession session, string fileName, string mimeType, Stream content, CancellationToken cancellationToken)
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

        var part = new StreamContent(content, 64 * 1024);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(mimeType);
        var multipart = new MultipartFormDataContent("----BridgeUpload" + Guid.NewGuid().ToString("N"));
        multipart.Add(part, "file", fileName);
        request.Content = multipart;

        try
        {
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
    }
}
