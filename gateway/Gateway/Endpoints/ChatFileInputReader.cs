using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using BridgeEngine.Features.Gems;
using Gateway.Hosting;
using Gateway.Pipeline;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Endpoints;

/// <summary>
/// Reads <c>POST /api/chat</c> with files, in two forms:
/// <list type="bullet">
/// <item><c>multipart/form-data</c>: a <c>request</c> part holding the JSON body, or one form field per body field,
/// plus one or more file parts. Files are held in pooled memory until the body is complete and every limit checked,
/// then uploaded (protocol §8.1): a refused request uploads nothing.</item>
/// <item>JSON with <c>files: [{name, mimeType, data}]</c>, data base64. The JSON body is held once (as any JSON body);
/// each file is decoded, uploaded and released in turn. Prefer multipart for large files.</item>
/// </list>
/// Limits come from <see cref="FileInputOptions"/>; a breach is INVALID_BODY naming the file. A <c>gem</c> is checked
/// against the account's gems before generating (INVALID_BODY naming the field).
/// </summary>
internal sealed class ChatFileInputReader
{
    private const string RequestPartName = "request";
    private const int MaxFileNameChars = 255;
    private const int MaxFieldBytes = 16 * 1024 * 1024;

    private static readonly HashSet<string> BoolFields = new(StringComparer.Ordinal) { "temporary", "extended_thinking", "stream" };
    private static readonly string[] FileFields = ["name", "mimeType", "data"];

    private readonly AccountRpcRunner _runner;
    private readonly FileUploader _uploader;
    private readonly GemsClient _gems;
    private readonly IOptionsMonitor<FileInputOptions> _files;

    public ChatFileInputReader(AccountRpcRunner runner, FileUploader uploader, GemsClient gems, IOptionsMonitor<FileInputOptions> files)
    {
        _runner = runner;
        _uploader = uploader;
        _gems = gems;
        _files = files;
    }

    public async Task<ParsedChatRequest> ReadAsync(BridgeCall call, CancellationToken cancellationToken)
    {
        var limits = _files.CurrentValue;
        var options = call.Options;
        var request = call.Request;
        ParsedChatRequest parsed;
        if (IsMultipart(request.ContentType))
        {
            BodyLimits.Apply(call.Context, BodyLimits.Multipart(options, limits).HardBytes);
            parsed = await ReadMultipartAsync(request, call.Upstream, options, limits, cancellationToken);
        }
        else
        {
            using var document = await JsonBody.ReadObjectAsync(request, BodyLimits.JsonWithInlineFiles(options, limits), optional: false, cancellationToken, fileDataProperty: "files");
            parsed = ChatRequestReader.Parse(document.RootElement, options);
            if (parsed.Request.Gem is { } gem)
            {
                await _gems.EnsureUsableAsync(call.Upstream, gem, cancellationToken);
            }

            if (document.RootElement.TryGetProperty("files", out var files) && files.ValueKind != JsonValueKind.Null)
            {
                var uploaded = await UploadBase64Async(files, call.Upstream, limits, BodyLimits.InlineFileBytes(options, limits), cancellationToken);
                parsed = parsed with { Request = parsed.Request with { Files = uploaded } };
            }

            return parsed;
        }

        if (parsed.Request.Gem is { } multipartGem)
        {
            await _gems.EnsureUsableAsync(call.Upstream, multipartGem, cancellationToken);
        }

        return parsed;
    }

    private async Task<ParsedChatRequest> ReadMultipartAsync(HttpRequest request, UpstreamCall call, GatewayOptions options, FileInputOptions limits, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw InvalidBody("The multipart body has no valid boundary in its Content-Type.");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        var held = new List<HeldFile>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument? requestPart = null;
        long total = 0;
        try
        {
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw InvalidBody("Every multipart part needs 'Content-Disposition: form-data; name=\"...\"'.");
                }

                if (disposition.IsFileDisposition())
                {
                    var name = FileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                    if (held.Count >= limits.MaxFiles)
                    {
                        throw InvalidBody($"File '{name}' is one file too many: at most {limits.MaxFiles} files per request.");
                    }

                    var mime = FileTypeCatalog.Resolve(name, section.ContentType, limits.AllowedExtensions) ?? throw TypeNotAllowed(name);
                    var file = await HoldAsync(name, mime, section.Body, total, limits, cancellationToken);
                    held.Add(file);
                    total += file.Size;
                    continue;
                }

                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (field == RequestPartName)
                {
                    if (requestPart is not null)
                    {
                        throw InvalidBody("The multipart body has more than one 'request' part.");
                    }

                    try
                    {
                        requestPart = await JsonPartReader.ReadObjectAsync(section.Body, "application/json", null, options.MaxJsonBodyBytes, optional: false, cancellationToken);
                    }
                    catch (IOException ex) when (ex is not EndOfStreamException && !cancellationToken.IsCancellationRequested)
                    {
                        throw InvalidBody("The multipart body ended early.");
                    }

                    continue;
                }

                if (!fields.TryAdd(field, await ReadFieldAsync(section.Body, field, cancellationToken)))
                {
                    throw InvalidBody($"Field '{FeatureErrors.Safe(field)}' appears more than once.");
                }
            }

            if (requestPart is not null && fields.Count > 0)
            {
                throw InvalidBody("Send the chat fields either as one 'request' JSON part or as form fields, not both.");
            }

            using var body = requestPart is null ? FieldsToJson(fields) : null;
            var root = (requestPart ?? body!).RootElement;
            if (root.TryGetProperty("files", out _))
            {
                throw InvalidBody("Field 'files': in a multipart request, attach files as file parts.");
            }

            var parsed = ChatRequestReader.Parse(root, options);

            // The whole body is read and every file checked: only now does anything go upstream.
            var uploaded = new List<UploadedFile>(held.Count);
            if (held.Count > 0)
            {
                var session = await _runner.SessionAsync(call, cancellationToken);
                foreach (var file in held)
                {
                    await using var content = file.Bytes.Reader.AsStream();
                    uploaded.Add(await _uploader.UploadAsync(call, session, file.Name, file.Mime, content, file.Size, cancellationToken));
                }
            }

            return parsed with { Request = parsed.Request with { Files = uploaded } };
        }
        finally
        {
            requestPart?.Dispose();
            foreach (var file in held)
            {
                await file.Bytes.Reader.CompleteAsync();
                await file.Bytes.Writer.CompleteAsync();
            }
        }
    }

    private async Task<IReadOnlyList<UploadedFile>> UploadBase64Async(JsonElement files, UpstreamCall call, FileInputOptions limits, long inlineMax, CancellationToken cancellationToken)
    {
        if (files.ValueKind != JsonValueKind.Array)
        {
            throw InvalidBody("Field 'files' must be an array of {name, mimeType, data}.");
        }

        var count = files.GetArrayLength();
        if (count > limits.MaxFiles)
        {
            throw InvalidBody($"Field 'files' holds {count} files; at most {limits.MaxFiles} are allowed.");
        }

        // Validate every file before uploading any.
        var checkedFiles = new List<(string Name, string Mime, JsonElement Data)>(count);
        long total = 0;
        var index = 0;
        foreach (var item in files.EnumerateArray())
        {
            var path = $"files[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw InvalidBody($"Field '{path}' must be an object {{name, mimeType, data}}.");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (!FileFields.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw InvalidBody($"Unknown field '{path}.{FeatureErrors.Safe(property.Name)}'. Known fields: {string.Join(", ", FileFields)}.");
                }
            }

            var name = FileName(JsonFields.OptionalString(item, "name", MaxFileNameChars, allowEmpty: false) ?? throw InvalidBody($"Field '{path}.name' is required."));
            var declared = item.TryGetProperty("mimeType", out var mimeValue) && mimeValue.ValueKind == JsonValueKind.String ? mimeValue.GetString() : null;
            var mime = FileTypeCatalog.Resolve(name, declared, limits.AllowedExtensions) ?? throw TypeNotAllowed(name);
            if (!item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String)
            {
                throw InvalidBody($"Field '{path}.data' is required: the file's bytes as a base64 string (file '{name}').");
            }

            var size = EstimateBase64Size(data);
            if (size == 0)
            {
                throw InvalidBody($"File '{name}' is empty.");
            }

            if (size > limits.MaxFileBytes)
            {
                throw TooLarge(name, limits.MaxFileBytes);
            }

            total += size;
            if (total > limits.MaxTotalBytes)
            {
                throw InvalidBody($"File '{name}' brings the request past the total file limit of {limits.MaxTotalBytes} bytes.");
            }

            if (total > inlineMax)
            {
                throw InvalidBody($"File '{name}' brings the request past the limit of {inlineMax} bytes of base64 files in a JSON body; send larger files as multipart/form-data.");
            }

            checkedFiles.Add((name, mime, data));
        }

        if (checkedFiles.Count == 0)
        {
            return [];
        }

        var session = await _runner.SessionAsync(call, cancellationToken);
        var uploaded = new List<UploadedFile>(checkedFiles.Count);
        foreach (var (name, mime, data) in checkedFiles)
        {
            if (!data.TryGetBytesFromBase64(out var bytes))
            {
                throw InvalidBody($"File '{name}': 'data' is not valid base64.");
            }

            using var stream = new MemoryStream(bytes, writable: false);
            uploaded.Add(await _uploader.UploadAsync(call, session, name, mime, stream, cancellationToken));
        }

        return uploaded;
    }

    /// <summary>
    /// Reads one file part into pooled memory under the per-file and total limits. Files are held until the whole body was
    /// read, so that a request refused for its 11th file, a bad type or the total uploads nothing at all; at most
    /// <see cref="FileInputOptions.MaxTotalBytes"/> is held per request.
    /// </summary>
    private static async Task<HeldFile> HoldAsync(string name, string mime, Stream body, long totalSoFar, FileInputOptions limits, CancellationToken cancellationToken)
    {
        var remaining = limits.MaxTotalBytes - totalSoFar;
        var perFile = limits.MaxFileBytes <= remaining;
        var limit = Math.Min(limits.MaxFileBytes, remaining);
        var limited = new SizeLimitedStream(body, limit, () => perFile
            ? TooLarge(name, limits.MaxFileBytes)
            : InvalidBody($"File '{name}' brings the request past the total file limit of {limits.MaxTotalBytes} bytes."));
        var bytes = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        var file = new HeldFile(name, mime, bytes);
        try
        {
            await limited.CopyToAsync(bytes.Writer, cancellationToken);
        }
        catch (IOException ex) when (ex is not EndOfStreamException && !cancellationToken.IsCancellationRequested)
        {
            await bytes.Writer.CompleteAsync();
            throw InvalidBody("The multipart body ended early.");
        }

        await bytes.Writer.CompleteAsync();
        if (limited.BytesRead == 0)
        {
            throw InvalidBody($"File '{name}' is empty.");
        }

        return file with { Size = limited.BytesRead };
    }

    /// <summary>A checked file part waiting in pooled memory for the end of the body.</summary>
    private sealed record HeldFile(string Name, string Mime, Pipe Bytes)
    {
        public long Size { get; init; }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw InvalidBody("The multipart body is malformed.");
        }
        catch (IOException ex) when (ex is not EndOfStreamException)
        {
            throw InvalidBody("The multipart body ended early.");
        }
    }

    /// <summary>A body cut before its closing boundary surfaces as IOException from the part's stream: the caller's fault.</summary>
    private static async Task<int> ReadPartAsync(Stream part, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await part.ReadAsync(chunk, cancellationToken);
        }
        catch (IOException ex) when (ex is not EndOfStreamException && !cancellationToken.IsCancellationRequested)
        {
            throw InvalidBody("The multipart body ended early.");
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, string field, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await ReadPartAsync(body, chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                throw InvalidBody($"Form field '{FeatureErrors.Safe(field)}' is larger than {MaxFieldBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Form fields → the JSON body shape: booleans from true/false/1/0/on, conversation from its JSON text.</summary>
    private static JsonDocument FieldsToJson(Dictionary<string, string> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (BoolFields.Contains(name))
                {
                    json.WriteBoolean(name, value.Trim().ToUpperInvariant() switch
                    {
                        "TRUE" or "1" or "ON" => true,
                        "FALSE" or "0" or "OFF" or "" => false,
                        _ => throw InvalidBody($"Form field '{name}' must be true or false."),
                    });
                }
                else if (name == "conversation")
                {
                    try
                    {
                        using var conversation = JsonDocument.Parse(value);
                        json.WritePropertyName(name);
                        conversation.RootElement.WriteTo(json);
                    }
                    catch (JsonException)
                    {
                        throw InvalidBody("Form field 'conversation' must hold the JSON object returned in data.conversation.");
                    }
                }
                else
                {
                    json.WriteString(name, value);
                }
            }

            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static string FileName(string? raw)
    {
        var name = Path.GetFileName((raw ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            throw InvalidBody("A file part has no file name; send filename=\"...\" in its Content-Disposition.");
        }

        if (name.Length > MaxFileNameChars || name.Any(char.IsControl) || name.Contains('"', StringComparison.Ordinal))
        {
            throw InvalidBody($"File name '{FeatureErrors.Safe(name)}' is too long or holds control characters or quotes.");
        }

        return name;
    }

    private static long EstimateBase64Size(JsonElement data)
    {
        var length = data.GetString()!.AsSpan().Trim().Length;
        return length / 4 * 3;
    }

    private static bool IsMultipart(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    private static BridgeException TypeNotAllowed(string name) =>
        InvalidBody($"File '{FeatureErrors.Safe(name)}' has a type that is not allowed. Allowed: {FileTypeCatalog.Description}.");

    private static BridgeException TooLarge(string name, long max) =>
        InvalidBody($"File '{FeatureErrors.Safe(name)}' is larger than the per-file limit of {max} bytes.");

    private static BridgeException InvalidBody(string message) => new(BridgeErrorCode.InvalidBody, message);
}
