using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using Gateway.Compat.Tools;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Compat;

/// <summary>
/// What every compatible surface shares once its request is read into <see cref="CompatChatInput"/>: the body under the
/// one body rule (inline files make bodies large), the prompt built from the message list, inline files checked against
/// the same limits and types as <c>/api/chat</c> and uploaded, and the normalized <see cref="ChatRequest"/> (a temporary
/// chat unless the client asked to store it) for the one chat pipeline.
/// </summary>
internal sealed class CompatRequestBuilder
{
    public const string IgnoredParamsHeader = "x-bridge-ignored-params";

    private readonly AccountRpcRunner _runner;
    private readonly FileUploader _uploader;
    private readonly IOptionsMonitor<FileInputOptions> _files;

    public CompatRequestBuilder(AccountRpcRunner runner, FileUploader uploader, IOptionsMonitor<FileInputOptions> files)
    {
        _runner = runner;
        _uploader = uploader;
        _files = files;
    }

    /// <summary>Reads the JSON body; base64 files ride inside it (<see cref="BodyLimits.JsonWithInlineFiles"/>).</summary>
    public Task<JsonDocument> ReadBodyAsync(BridgeCall call) =>
        JsonBody.ReadObjectAsync(call.Request, BodyLimits.JsonWithInlineFiles(call.Options, _files.CurrentValue), optional: false, call.Aborted);

    /// <param name="conversationParam">The surface's name for the message list, used in refusals (messages / contents / input).</param>
    public Task<ChatRequest> BuildAsync(BridgeCall call, CompatChatInput input, string conversationParam) =>
        BuildAsync(call, input, conversationParam, null);

    /// <param name="emulation">Emulated tools / structured output (<see cref="AnswerEmulation.For"/>): their sections join the prompt.</param>
    public async Task<ChatRequest> BuildAsync(BridgeCall call, CompatChatInput input, string conversationParam, AnswerEmulation? emulation)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(input);
        var options = call.Options;
        var prompt = PromptComposer.Compose(input.Instructions, ToolCallNames.Resolve(input.Turns), [emulation?.ToolSection, emulation?.FormatSection]);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new RequestRejectedException(conversationParam, $"'{conversationParam}' holds no text: the last user message needs text (files alone cannot be sent to Gemini).");
        }

        if (prompt.Length > options.MaxPromptChars)
        {
            throw new RequestRejectedException(conversationParam, $"The conversation in '{conversationParam}' is {prompt.Length} characters once replayed; at most {options.MaxPromptChars} are allowed.");
        }

        if (input.IgnoredParams.Count > 0)
        {
            call.Response.Headers[IgnoredParamsHeader] = string.Join(",", input.IgnoredParams);
        }

        var files = await UploadAsync(call, input.Attachments);
        return new ChatRequest
        {
            Prompt = prompt,
            Model = input.Model,
            Temporary = !input.Store,
            ExtendedThinking = input.ExtendedThinking,
            Files = files,
        };
    }

    private async Task<IReadOnlyList<UploadedFile>> UploadAsync(BridgeCall call, IReadOnlyList<CompatAttachment> attachments)
    {
        if (attachments.Count == 0)
        {
            return [];
        }

        // Check every file before uploading any, with the same limits and types as /api/chat.
        var limits = _files.CurrentValue;
        var inlineMax = BodyLimits.InlineFileBytes(call.Options, limits);
        if (attachments.Count > limits.MaxFiles)
        {
            throw new RequestRejectedException(attachments[limits.MaxFiles].Param, $"The request holds {attachments.Count} files; at most {limits.MaxFiles} are allowed.");
        }

        long total = 0;
        var checkedFiles = new List<(CompatAttachment File, string Mime)>(attachments.Count);
        foreach (var file in attachments)
        {
            var mime = FileTypeCatalog.Resolve(file.FileName, file.MimeType, limits.AllowedExtensions)
                ?? throw new RequestRejectedException(file.Param, $"'{file.Param}' has a type that is not allowed. Allowed: {FileTypeCatalog.Description}.");
            if (file.Data.Length > limits.MaxFileBytes)
            {
                throw new RequestRejectedException(file.Param, $"'{file.Param}' is larger than the per-file limit of {limits.MaxFileBytes} bytes.");
            }

            total += file.Data.Length;
            if (total > Math.Min(limits.MaxTotalBytes, inlineMax))
            {
                throw new RequestRejectedException(file.Param, $"'{file.Param}' brings the request past the total file limit of {Math.Min(limits.MaxTotalBytes, inlineMax)} bytes.");
            }

            checkedFiles.Add((file, mime));
        }

        var session = await _runner.SessionAsync(call.Upstream, call.Aborted);
        var uploaded = new List<UploadedFile>(checkedFiles.Count);
        foreach (var (file, mime) in checkedFiles)
        {
            using var stream = new MemoryStream(file.Data.ToArray(), writable: false);
            uploaded.Add(await _uploader.UploadAsync(call.Upstream, session, file.FileName, mime, stream, call.Aborted));
        }

        return uploaded;
    }
}
