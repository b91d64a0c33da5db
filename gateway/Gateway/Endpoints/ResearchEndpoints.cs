using Gateway.Diagnostics;
using System.Text.Json;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Research;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.Endpoints;

/// <summary>
/// Deep research (protocol §12, experimental, behind <c>Features:DeepResearch:Enabled</c>): <c>POST /api/research</c>
/// (plan), <c>POST /api/research/{id}/confirm</c>, <c>GET /api/research/{id}/events</c> (SSE progress) and
/// <c>GET /api/research/{id}</c> (report with sources). Routes pick the action with the <c>BridgeAction</c> metadata.
/// </summary>
public sealed partial class ResearchEndpoints : IBridgeOperation
{
    public const string ActionMetadataKey = "BridgeAction";
    public const string StatusEvent = "status";
    public const string DoneEvent = "done";

    private static readonly string[] StartFields = ["prompt", "model"];

    private readonly DeepResearchClient _research;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly IOptionsMonitor<DeepResearchOptions> _researchOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<ResearchEndpoints> _logger;

    public ResearchEndpoints(
        DeepResearchClient research,
        EnvelopeWriter envelope,
        IOptionsMonitor<GatewayOptions> options,
        IOptionsMonitor<DeepResearchOptions> researchOptions,
        TimeProvider time,
        ILogger<ResearchEndpoints> logger)
    {
        _research = research;
        _envelope = envelope;
        _options = options;
        _researchOptions = researchOptions;
        _time = time;
        _logger = logger;
    }

    public string Name => "research";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        if (!_researchOptions.CurrentValue.Enabled)
        {
            throw FeatureErrors.NotFound("Deep research is switched off on this gateway (Features:DeepResearch:Enabled).");
        }

        var options = _options.CurrentValue;
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var action = context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(ActionMetadataKey) ?? "get";
        var aborted = context.RequestAborted;

        if (action == "start")
        {
            using var body = await JsonBodyReader.ReadObjectAsync(context.Request.Body, context.Request.ContentType, context.Request.ContentLength, options.MaxJsonBodyBytes, optional: false, aborted);
            JsonFields.EnsureOnly(body.RootElement, StartFields);
            var prompt = JsonFields.RequiredString(body.RootElement, "prompt", options.MaxPromptChars);
            var model = JsonFields.OptionalString(body.RootElement, "model", 200, allowEmpty: false);
            var started = await _research.StartAsync(call, prompt, model, aborted);
            await AnswerAsync(context, call, started, AccountFeaturesJsonContext.Default.ResearchStart);
            return;
        }

        var id = FeatureErrors.RequireId(context.Request.RouteValues["id"] as string, "research id");
        switch (action)
        {
            case "confirm":
                var confirmed = await _research.ConfirmAsync(call, id, aborted);
                await AnswerAsync(context, call, confirmed, AccountFeaturesJsonContext.Default.ResearchStart);
                return;
            case "events":
                await StreamEventsAsync(context, call, id);
                return;
            default:
                var report = await _research.ReportAsync(call, id, aborted);
                await AnswerAsync(context, call, report, AccountFeaturesJsonContext.Default.ResearchReport);
                return;
        }
    }

    /// <summary>
    /// Polls kwDCne every <see cref="DeepResearchOptions.PollInterval"/> and sends a <c>status</c> event per poll, then
    /// <c>done</c> with the report. The first poll runs before the response starts, so an unknown id or expired
    /// cookies are a normal envelope; later failures are an <c>error</c> event.
    /// </summary>
    private async Task StreamEventsAsync(HttpContext context, UpstreamCall call, string id)
    {
        var aborted = context.RequestAborted;
        var settings = _researchOptions.CurrentValue;
        var started = _time.GetTimestamp();
        var status = await _research.StatusAsync(call, id, aborted);

        var response = context.Response;
        ChatEndpoint.HandBackRotatedCookie(response, call, _options.CurrentValue);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted);

        using var writer = new SseEventWriter(response.BodyWriter, context.TraceIdentifier);
        try
        {
            while (true)
            {
                await writer.WriteEventAsync(StatusEvent, status, static (json, s) =>
                {
                    json.WritePropertyName("status");
                    JsonSerializer.Serialize(json, s, AccountFeaturesJsonContext.Default.ResearchStatus);
                }, aborted);

                if (status.State == ResearchState.Completed)
                {
                    var report = await _research.ReportAsync(call, id, aborted);
                    await writer.WriteEventAsync(DoneEvent, report, static (json, r) =>
                    {
                        json.WritePropertyName("data");
                        JsonSerializer.Serialize(json, r, AccountFeaturesJsonContext.Default.ResearchReport);
                    }, aborted);
                    return;
                }

                if (_time.GetElapsedTime(started) >= settings.MaxFollowDuration)
                {
                    throw new BridgeException(BridgeErrorCode.Timeout, $"The research did not complete within {settings.MaxFollowDuration.TotalSeconds:0} s; follow it again or fetch GET /api/research/{{id}} later.");
                }

                await Task.Delay(settings.PollInterval, _time, aborted);
                status = await _research.StatusAsync(call, id, aborted);
            }
        }
        catch (BridgeException ex) when (!aborted.IsCancellationRequested)
        {
            var descriptor = ErrorCatalog.Describe(ex.Code);
            Log.EventsFailed(_logger, descriptor.Code, ex.UpstreamCode);
            await writer.WriteEventAsync(ChatEventNames.Error, (descriptor, ex.Message), static (json, s) => EnvelopeWriter.WriteError(json, s.descriptor, s.Message), CancellationToken.None);
        }
    }

    private async Task AnswerAsync<T>(HttpContext context, UpstreamCall call, T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        context.Response.Headers.CacheControl = "no-store";
        await _envelope.WriteSuccessAsync(context, data, type);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ResearchEndpointsEventsFailed, LogLevel.Information, "Research events stream ended with {ErrorCode} (upstream code {UpstreamCode})")]
        public static partial void EventsFailed(ILogger logger, string errorCode, int? upstreamCode);
    }
}
