using Gateway.Diagnostics;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> (Server-Sent Events with
/// <c>?alt=sse</c>, as the SDKs ask; otherwise a JSON array written element by element). One Gemini web turn per
/// request; <c>contents</c> is replayed as context in a temporary chat. Errors use the Gemini API's error shape.
/// </summary>
public sealed partial class GeminiGenerateOperation : IBridgeOperation
{
    public const string OperationName = "gemini.generate";
    public const string RestRouteValue = "rest";

    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ArrayStart => "["u8;
    private static ReadOnlySpan<byte> ArrayNext => ",\r\n"u8;
    private static ReadOnlySpan<byte> ArrayEnd => "]"u8;

    private readonly CompatChatRunner _runner;
    private readonly IOptionsMonitor<StreamingOptions> _streaming;
    private readonly TimeProvider _time;
    private readonly ILogger<GeminiGenerateOperation> _logger;

    public GeminiGenerateOperation(CompatChatRunner runner, IOptionsMonitor<StreamingOptions> streaming, TimeProvider time, ILogger<GeminiGenerateOperation> logger)
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
            var path = GeminiModelPath.Parse(context.Request.RouteValues[RestRouteValue] as string);
            if (path is null || path.Method is not (GeminiModelPath.GenerateContent or GeminiModelPath.StreamGenerateContent))
            {
                throw new CompatRequestException(string.Empty, path is null
                    ? "Expected /v1beta/models/{model}:generateContent or :streamGenerateContent."
                    : $"Method '{CompatJson.Safe(path.Method)}' is not supported by the gateway; use generateContent or streamGenerateContent.", BridgeErrorCode.NotFound);
            }

            var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
            var stream = path.Method == GeminiModelPath.StreamGenerateContent;
            CompatChatInput input;
            using (var body = await _runner.ReadBodyAsync(context))
            {
                input = GeminiRequestReader.Read(body.RootElement, path.Model, stream);
            }

            await using var turn = await _runner.StartAsync(context, call, input, "contents");
            var writer = new GeminiResponseWriter(context.TraceIdentifier, input.Model);
            if (stream)
            {
                var sse = string.Equals(context.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase);
                await StreamAsync(context, turn, call, writer, input.IncludeThoughts, sse);
            }
            else
            {
                await GenerateAsync(context, turn, call, writer, input.IncludeThoughts);
            }
        }
        catch (CompatRequestException ex) when (!context.Response.HasStarted)
        {
            Log.Refused(_logger, ErrorCatalog.Describe(ex.Code).Code, ex.Param);
            await GeminiErrorWriter.WriteAsync(context, ex.Code, ex.Message, ex.Param);
        }
        catch (BridgeException ex) when (!context.Response.HasStarted)
        {
            Log.Failed(_logger, ErrorCatalog.Describe(ex.Code).Code, ex.UpstreamCode);
            await GeminiErrorWriter.WriteAsync(context, ex.Code, ex.Message, ex.Code == BridgeErrorCode.ModelInvalid ? "model" : null, ex.RetryAfter);
        }
    }

    private async Task GenerateAsync(HttpContext context, ChatTurn turn, UpstreamCall call, GeminiResponseWriter writer, bool includeThoughts)
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
            writer.WriteResponse(json, result, includeThoughts);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private async Task StreamAsync(HttpContext context, ChatTurn turn, UpstreamCall call, GeminiResponseWriter writer, bool includeThoughts, bool sse)
    {
        var aborted = context.RequestAborted;
        await using var events = new CompatEventReader(turn, _time, aborted);

        // The first visible piece is awaited before the response starts, so earlier failures keep their HTTP status.
        var first = await NextVisibleAsync(events, includeThoughts, TimeSpan.Zero, null);
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _runner.Options);
        using var stream = await CompatStreamWriter.StartAsync(context, sse ? "text/event-stream; charset=utf-8" : "application/json; charset=utf-8");
        var heartbeat = _streaming.CurrentValue.HeartbeatInterval;
        var written = false;
        try
        {
            var current = first;
            while (true)
            {
                switch (current)
                {
                    case ChatEvent.TextDelta delta:
                        await stream.WriteAsync(Prefix(sse, written), (writer, delta.Text), static (json, s) => s.writer.WriteChunk(json, s.Text, thought: false), Suffix(sse), aborted);
                        break;
                    case ChatEvent.ThoughtDelta thought:
                        await stream.WriteAsync(Prefix(sse, written), (writer, thought.Text), static (json, s) => s.writer.WriteChunk(json, s.Text, thought: true), Suffix(sse), aborted);
                        break;
                    case ChatEvent.Completed completed:
                        await stream.WriteAsync(Prefix(sse, written), (writer, completed.Result), static (json, s) => s.writer.WriteFinalChunk(json, s.Result), Suffix(sse), aborted);
                        if (!sse)
                        {
                            await stream.WriteRawAsync(ArrayEnd, aborted);
                        }

                        return;
                }

                written = true;

                // A JSON array has no comments, so heartbeats are for SSE only.
                current = await NextVisibleAsync(events, includeThoughts, heartbeat, sse ? () => DiscardAsync(stream.WriteHeartbeatAsync(aborted)) : null);
            }
        }
        catch (BridgeException ex) when (!aborted.IsCancellationRequested)
        {
            // After the first byte the status is sent; the SDKs raise their ApiError for a message holding "error".
            Log.StreamFailed(_logger, ErrorCatalog.Describe(ex.Code).Code);
            var descriptor = ErrorCatalog.Describe(ex.Code);
            await stream.WriteAsync(sse ? DataPrefix : ArrayNext, (descriptor, ex.Message, context.TraceIdentifier), static (json, s) => GeminiErrorWriter.Write(json, s.descriptor, s.Message, null, s.TraceIdentifier), sse ? EventEnd : ArrayEnd, CancellationToken.None);
        }
    }

    private static async ValueTask<ChatEvent> NextVisibleAsync(CompatEventReader events, bool includeThoughts, TimeSpan heartbeat, Func<ValueTask>? onIdle)
    {
        while (true)
        {
            var item = await events.NextAsync(heartbeat, onIdle)
                ?? throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
            if (item is ChatEvent.TextDelta or ChatEvent.Completed || (includeThoughts && item is ChatEvent.ThoughtDelta))
            {
                return item;
            }
        }
    }

    private static ReadOnlySpan<byte> Prefix(bool sse, bool written) => sse ? DataPrefix : written ? ArrayNext : ArrayStart;

    private static ReadOnlySpan<byte> Suffix(bool sse) => sse ? EventEnd : [];

    private static async ValueTask DiscardAsync(ValueTask<System.IO.Pipelines.FlushResult> flush) => await flush;

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.GeminiGenerateOperationRefused, LogLevel.Information, "Gemini API generate refused: {ErrorCode} (field {Field})")]
        public static partial void Refused(ILogger logger, string errorCode, string field);

        [LoggerMessage(LogEventIds.GeminiGenerateOperationFailed, LogLevel.Information, "Gemini API generate failed: {ErrorCode} (upstream code {UpstreamCode})")]
        public static partial void Failed(ILogger logger, string errorCode, int? upstreamCode);

        [LoggerMessage(LogEventIds.GeminiGenerateOperationStreamFailed, LogLevel.Information, "Gemini API stream ended with {ErrorCode} after it started")]
        public static partial void StreamFailed(ILogger logger, string errorCode);
    }
}
