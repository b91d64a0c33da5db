using Gateway.Diagnostics;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>: the OpenAI Chat Completions API over one Gemini web turn. The message list is
/// replayed as context in a temporary chat (<see cref="PromptComposer"/>). With <c>stream: true</c> the answer is
/// <c>chat.completion.chunk</c> Server-Sent Events ending with <c>data: [DONE]</c>; each upstream frame is written
/// as it arrives. Errors use OpenAI's error shape.
/// </summary>
public sealed partial class OpenAiChatCompletionsOperation : IBridgeOperation
{
    public const string OperationName = "openai.chat.completions";

    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    private readonly CompatChatRunner _runner;
    private readonly IOptionsMonitor<StreamingOptions> _streaming;
    private readonly TimeProvider _time;
    private readonly ILogger<OpenAiChatCompletionsOperation> _logger;

    public OpenAiChatCompletionsOperation(CompatChatRunner runner, IOptionsMonitor<StreamingOptions> streaming, TimeProvider time, ILogger<OpenAiChatCompletionsOperation> logger)
    {
        _runner = runner;
        _streaming = streaming;
        _time = time;
        _logger = logger;
    }

    public string Name => OperationName;

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
            CompatChatInput input;
            using (var body = await _runner.ReadBodyAsync(context))
            {
                input = OpenAiRequestReader.Read(body.RootElement);
            }

            await using var turn = await _runner.StartAsync(context, call, input, "messages");
            var writer = new OpenAiCompletionWriter("chatcmpl-" + context.TraceIdentifier.Replace("-", string.Empty, StringComparison.Ordinal), _time.GetUtcNow().ToUnixTimeSeconds(), input.Model);
            if (input.Stream)
            {
                await StreamAsync(context, turn, call, writer);
            }
            else
            {
                await CompleteAsync(context, turn, call, writer);
            }
        }
        catch (CompatRequestException ex) when (!context.Response.HasStarted)
        {
            Log.Refused(_logger, ErrorCatalog.Describe(ex.Code).Code, ex.Param);
            await OpenAiErrorWriter.WriteAsync(context, ex.Code, ex.Message, ex.Param);
        }
        catch (BridgeException ex) when (!context.Response.HasStarted)
        {
            Log.Failed(_logger, ErrorCatalog.Describe(ex.Code).Code, ex.UpstreamCode);
            await OpenAiErrorWriter.WriteAsync(context, ex.Code, ex.Message, ParamFor(ex.Code), ex.RetryAfter);
        }
    }

    private async Task CompleteAsync(HttpContext context, ChatTurn turn, UpstreamCall call, OpenAiCompletionWriter writer)
    {
        ChatResult? result = null;
        await foreach (var item in turn.ReadEventsAsync(context.RequestAborted))
        {
            if (item is ChatEvent.Completed completed)
            {
                result = completed.Result;
            }
        }

        if (result is null)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
        }

        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _runner.Options);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new System.Text.Json.Utf8JsonWriter(response.BodyWriter, CompatJson.WriterOptions))
        {
            writer.WriteCompletion(json, result, includeThoughts: true);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private async Task StreamAsync(HttpContext context, ChatTurn turn, UpstreamCall call, OpenAiCompletionWriter writer)
    {
        var aborted = context.RequestAborted;
        await using var events = new CompatEventReader(turn, _time, aborted);

        // Wait for the first piece of the answer before starting the response, so that a failure up to then
        // (usage limit, expired cookies, bad model) is still a proper OpenAI error with its HTTP status.
        var first = await NextVisibleAsync(events, TimeSpan.Zero, null);
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _runner.Options);
        using var stream = await CompatStreamWriter.StartAsync(context, "text/event-stream; charset=utf-8");
        var heartbeat = _streaming.CurrentValue.HeartbeatInterval;
        try
        {
            await stream.WriteAsync(DataPrefix, writer, static (json, w) => w.WriteRoleChunk(json), EventEnd, aborted);
            var current = first;
            while (true)
            {
                switch (current)
                {
                    case ChatEvent.TextDelta delta:
                        await stream.WriteAsync(DataPrefix, (writer, delta.Text), static (json, s) => s.writer.WriteContentChunk(json, s.Text), EventEnd, aborted);
                        break;
                    case ChatEvent.ThoughtDelta thought:
                        await stream.WriteAsync(DataPrefix, (writer, thought.Text), static (json, s) => s.writer.WriteReasoningChunk(json, s.Text), EventEnd, aborted);
                        break;
                    case ChatEvent.Completed completed:
                        var images = CompatJson.ImagesSuffix(completed.Result);
                        if (images.Length > 0)
                        {
                            await stream.WriteAsync(DataPrefix, (writer, images), static (json, s) => s.writer.WriteContentChunk(json, s.images), EventEnd, aborted);
                        }

                        await stream.WriteAsync(DataPrefix, writer, static (json, w) => w.WriteFinishChunk(json), EventEnd, aborted);
                        await stream.WriteRawAsync(Done, aborted);
                        return;
                }

                current = await NextVisibleAsync(events, heartbeat, () => DiscardAsync(stream.WriteHeartbeatAsync(aborted)));
            }
        }
        catch (BridgeException ex) when (!aborted.IsCancellationRequested)
        {
            // After the first byte the status is sent; OpenAI SDKs raise an APIError for a data message holding "error".
            Log.StreamFailed(_logger, ErrorCatalog.Describe(ex.Code).Code);
            var descriptor = ErrorCatalog.Describe(ex.Code);
            await stream.WriteAsync(DataPrefix, (descriptor, ex.Message), static (json, s) => OpenAiErrorWriter.Write(json, s.descriptor, s.Message, null), EventEnd, CancellationToken.None);
        }
    }

    /// <summary>The next event this surface shows (text, thinking, the end); metadata, image and citation events wait for the end.</summary>
    private static async ValueTask<ChatEvent> NextVisibleAsync(CompatEventReader events, TimeSpan heartbeat, Func<ValueTask>? onIdle)
    {
        while (true)
        {
            var item = await events.NextAsync(heartbeat, onIdle)
                ?? throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
            if (item is ChatEvent.TextDelta or ChatEvent.ThoughtDelta or ChatEvent.Completed)
            {
                return item;
            }
        }
    }

    private static async ValueTask DiscardAsync(ValueTask<System.IO.Pipelines.FlushResult> flush) => await flush;

    private static string? ParamFor(BridgeErrorCode code) => code switch
    {
        BridgeErrorCode.ModelInvalid => "model",
        _ => null,
    };

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.OpenAiChatCompletionsOperationRefused, LogLevel.Information, "OpenAI chat completion refused: {ErrorCode} (param {Param})")]
        public static partial void Refused(ILogger logger, string errorCode, string param);

        [LoggerMessage(LogEventIds.OpenAiChatCompletionsOperationFailed, LogLevel.Information, "OpenAI chat completion failed: {ErrorCode} (upstream code {UpstreamCode})")]
        public static partial void Failed(ILogger logger, string errorCode, int? upstreamCode);

        [LoggerMessage(LogEventIds.OpenAiChatCompletionsOperationStreamFailed, LogLevel.Information, "OpenAI chat completion stream ended with {ErrorCode} after it started")]
        public static partial void StreamFailed(ILogger logger, string errorCode);
    }
}
