using System.Text;
using GeminiSimulator.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GeminiSimulator.Endpoints;

/// <summary>§8 uploads: single multipart POST (§8.1) and the resumable start + session POST (§8.2).</summary>
internal static class UploadEndpoints
{
    private static readonly FileExtensionContentTypeProvider MimeTypes = new();

    /// <summary>POST /upload or /upload/: resumable start when X-Goog-Upload-Command says so, else multipart.</summary>
    public static async Task HandleAsync(SimRequest request)
    {
        var account = await request.RequireAccountAsync();
        if (account is null)
        {
            return;
        }

        var headers = request.Context.Request.Headers;
        if (string.IsNullOrEmpty(headers["Push-ID"].ToString()) || headers["X-Tenant-Id"].ToString() != "bard-storage")
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        if (headers["X-Goog-Upload-Command"].ToString().Contains("start", StringComparison.OrdinalIgnoreCase))
        {
            await StartResumableAsync(request, account);
        }
        else
        {
            await MultipartAsync(request, account);
        }
    }

    /// <summary>POST /upload/session/{id} with "upload, finalize": count the bytes, answer the upload id.</summary>
    public static async Task SessionAsync(SimRequest request, string sessionId)
    {
        var command = request.Context.Request.Headers["X-Goog-Upload-Command"].ToString();
        if (!command.Contains("upload", StringComparison.OrdinalIgnoreCase) || !request.State.UploadSessions.TryRemove(sessionId, out var session))
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        var size = await CountAsync(request.Context.Request.Body, request.Aborted);
        var uploadId = SimulatorState.Hex(40);
        session.Owner.Uploads[uploadId] = new UploadedFile(uploadId, session.Name, size, session.Mime);
        request.Context.Response.Headers["X-Goog-Upload-Status"] = "final";
        await Responses.TextAsync(request.Context, StatusCodes.Status200OK, uploadId);
    }

    private static async Task StartResumableAsync(SimRequest request, AccountBehavior account)
    {
        using var reader = new StreamReader(request.Context.Request.Body);
        var body = await reader.ReadToEndAsync(request.Aborted);
        const string prefix = "File name:";
        var name = body.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? body[prefix.Length..].Trim() : "file";
        var sessionId = SimulatorState.Hex(24);
        request.State.UploadSessions[sessionId] = new UploadSession(account, name, GuessMime(name));
        var response = request.Context.Response;
        response.Headers["X-Goog-Upload-Status"] = "active";
        response.Headers["X-Goog-Upload-Url"] = new Uri(request.BaseAddress, "upload/session/" + sessionId).ToString();
        await Responses.TextAsync(request.Context, StatusCodes.Status200OK, string.Empty);
    }

    /// <summary>
    /// §8.1: a multipart/form-data body whose one file part is named <c>file</c> and has a filename, else HTTP 400. How
    /// the body was framed (boundary as written, first part head, closing delimiter, part headers) is kept in
    /// <see cref="SimRequest.Upload"/> for captured-request tests; no form detail beyond that is refused, since no
    /// source saw Google refuse one.
    /// </summary>
    private static async Task MultipartAsync(SimRequest request, AccountBehavior account)
    {
        var http = request.Context.Request;
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            mediaType.Boundary.Value is not { Length: > 0 } rawBoundary ||
            HeaderUtilities.RemoveQuotes(rawBoundary).Value is not { Length: > 0 } boundary)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        var body = new CapturingReadStream(http.Body, headBytes: 8 * 1024, tailBytes: 512);
        var reader = new MultipartReader(boundary, body);
        var parts = new List<RecordedPart>();
        UploadedFile? file = null;
        var valid = true;
        try
        {
            while (await reader.ReadNextSectionAsync(request.Aborted) is { } section)
            {
                var size = await CountAsync(section.Body, request.Aborted);
                parts.Add(new RecordedPart(section.Headers?.Select(h => $"{h.Key}: {h.Value}").ToList() ?? [], size));
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    valid = false;
                    continue;
                }

                if (HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file" || HeaderUtilities.RemoveQuotes(disposition.FileName).Value is not { Length: > 0 } name)
                {
                    continue;
                }

                valid &= file is null;
                var reference = "/contrib_service/ttl_1d/" + SimulatorState.Hex(40);
                file ??= new UploadedFile(reference, name, size, section.ContentType ?? GuessMime(name));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            valid = false;
        }

        request.Upload = new RecordedUpload(rawBoundary, HeadOf(body.Head), ClosingOf(body.Tail, boundary), body.TotalBytes, parts);
        if (!valid || file is null)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        account.Uploads[file.Reference] = file;
        await Responses.TextAsync(request.Context, StatusCodes.Status200OK, file.Reference);
    }

    /// <summary>The body up to and including the blank line that ends the first part's headers.</summary>
    private static string HeadOf(ReadOnlySpan<byte> head)
    {
        var end = head.IndexOf("\r\n\r\n"u8);
        return Encoding.UTF8.GetString(end < 0 ? head : head[..(end + 4)]);
    }

    /// <summary>From the last CRLF + dash-boundary to the end of the body.</summary>
    private static string ClosingOf(ReadOnlySpan<byte> tail, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var start = tail.LastIndexOf(delimiter);
        return start < 0 ? string.Empty : Encoding.UTF8.GetString(tail[start..]);
    }

    /// <summary>Streams the bytes away, keeping only their count.</summary>
    private static async Task<long> CountAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static string GuessMime(string name) =>
        MimeTypes.TryGetContentType(name, out var mime) ? mime : "application/octet-stream";
}
