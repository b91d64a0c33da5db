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

    private static async Task MultipartAsync(SimRequest request, AccountBehavior account)
    {
        var http = request.Context.Request;
        if (!MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        var reader = new MultipartReader(boundary, http.Body);
        UploadedFile? file = null;
        while (await reader.ReadNextSectionAsync(request.Aborted) is { } section)
        {
            var size = await CountAsync(section.Body, request.Aborted);
            if (file is null && ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "file";
                var reference = "/contrib_service/ttl_1d/" + SimulatorState.Hex(40);
                file = new UploadedFile(reference, name, size, section.ContentType ?? GuessMime(name));
            }
        }

        if (file is null)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        account.Uploads[file.Reference] = file;
        await Responses.TextAsync(request.Context, StatusCodes.Status200OK, file.Reference);
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
