using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using Gateway.Endpoints;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Compat;

/// <summary>
/// What both compatible surfaces share once a request is read: the body limit (inline files make bodies large), the
/// prompt built from the message list, inline files checked against the same limits and types as <c>/api/chat</c>
/// and uploaded, and the Gemini turn started as a temporary chat unless the client asked to store it.
/// </summary>
public sealed class CompatChatRunner
{
    public const string IgnoredParamsHeader = "x-bridge-ignored-params";

    private readonly GeminiWebClient _client;
    private readonly AccountRpcRunner _runner;
    private readonly FileUploader _uploader;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly IOptionsMonitor<FileInputOptions> _files;

    public CompatChatRunner(GeminiWebClient client, AccountRpcRunner runner, FileUploader uploader, IOptionsMonitor<GatewayOptions> options, IOptionsMonitor<FileInputOptions> files)
    {
        _client = client;
        _runner = runner;
        _uploader = uploader;
        _options = options;
        _files = files;
    }

    public GatewayOptions Options => _options.CurrentValue;

    /// <summary>
    /// Reads the JSON body. Base64 files ride inside it, so the limit is the JSON limit plus the base64 size of the
    /// file totals (as for <c>/api/chat</c> with <c>files</c>), and Kestrel's own limit is raised for this request only.
    /// </summary>
    public async Task<JsonDocument> ReadBodyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = _files.CurrentValue;
        var maxBytes = (int)Math.Min(int.MaxValue, Options.MaxJsonBodyBytes + ((limits.MaxTotalBytes + 2) / 3 * 4) + (limits.MaxFiles * 1024L));
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (!ChatRequestReader.IsJson(context.Request.ContentType))
        {
            throw new CompatRequestException(string.Empty, "The body must be JSON (Content-Type: application/json).");
        }

        var (document, _) = await ChatRequestReader.ReadJsonAsync(context.Request, maxBytes, context.RequestAborted);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new CompatRequestException(string.Empty, "The body must be a JSON object.");
        }

        return document;
    }

    /// <param name="conversationParam">The surface's name for the message list, used in refusals (messages / contents).</param>
    public async Task<ChatTurn> StartAsync(HttpContext context, UpstreamCall call, CompatChatInput input, string conversationParam)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var options = Options;
        var prompt = PromptComposer.Compose(input.Instructions, input.Turns);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new CompatRequestException(conversationParam, $"'{conversationParam}' holds no text: the last user message needs text (files alone cannot be sent to Gemini).");
        }

        if (prompt.Length > options.MaxPromptChars)
        {
            throw new CompatRequestException(conversationParam, $"The conversation in '{conversationParam}' is {prompt.Length} characters once replayed; at most {options.MaxPromptChars} are allowed.");
        }

        var files = await UploadAsync(call, input.Attachments, context.RequestAborted);
        var request = new ChatRequest
        {
            Prompt = prompt,
            Model = input.Model,
            Temporary = !input.Store,
            ExtendedThinking = input.ExtendedThinking,
            Files = files,
        };

        if (input.IgnoredParams.Count > 0)
        {
            context.Response.Headers[IgnoredParamsHeader] = string.Join(",", input.IgnoredParams);
        }

        return await _client.StartChatAsync(call, request, context.RequestAborted);
    }

    private async Task<IReadOnlyList<UploadedFile>> UploadAsync(UpstreamCall call, IReadOnlyList<CompatAttachment> attachments, CancellationToken cancellationToken)
    {
        if (attachments.Count == 0)
        {
            return [];
        }

        // Check every file before uploading any, with the same limits and types as /api/chat.
        var limits = _files.CurrentValue;
        if (attachments.Count > limits.MaxFiles)
        {
            throw new CompatRequestException(attachments[limits.MaxFiles].Param, $"The request holds {attachments.Count} files; at most {limits.MaxFiles} are allowed.");
        }

        long total = 0;
        var checkedFiles = new List<(CompatAttachment File, string Mime)>(attachments.Count);
        foreach (var file in attachments)
        {
            var mime = FileTypeCatalog.Resolve(file.FileName, file.MimeType, limits.AllowedExtensions)
                ?? throw new CompatRequestException(file.Param, $"'{file.Param}' has a type that is not allowed. Allowed: {FileTypeCatalog.Description}.");
            if (file.Data.Length > limits.MaxFileBytes)
            {
                throw new CompatRequestException(file.Param, $"'{file.Param}' is larger than the per-file limit of {limits.MaxFileBytes} bytes.");
            }

            total += file.Data.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new CompatRequestException(file.Param, $"'{file.Param}' brings the request past the total file limit of {limits.MaxTotalBytes} bytes.");
            }

            checkedFiles.Add((file, mime));
        }

        var session = await _runner.SessionAsync(call, cancellationToken);
        var uploaded = new List<UploadedFile>(checkedFiles.Count);
        foreach (var (file, mime) in checkedFiles)
        {
            using var stream = new MemoryStream(file.Data.ToArray(), writable: false);
            uploaded.Add(await _uploader.UploadAsync(call, session, file.FileName, mime, stream, cancellationToken));
        }

        return uploaded;
    }
}
