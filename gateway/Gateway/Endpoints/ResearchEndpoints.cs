using System.Text.Json;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.Research;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// Deep research (protocol §12, experimental, behind <c>Features:DeepResearch:Enabled</c>): <c>POST /api/research</c>
/// (plan), <c>POST /api/research/{id}/confirm</c>, <c>GET /api/research/{id}/events</c> (SSE progress) and
/// <c>GET /api/research/{id}</c> (report with sources). Routes pick the action with the <c>BridgeAction</c> metadata.
/// </summary>
internal sealed class ResearchEndpoints : IBridgeOperation
{
    public const string StartAction = "start";
    public const string ConfirmAction = "confirm";
    public const string EventsAction = "events";
    public const string GetAction = "get";

    private static readonly string[] StartFields = ["prompt", "model"];

    private readonly DeepResearchClient _research;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<DeepResearchOptions> _researchOptions;
    private readonly TimeProvider _time;

    public ResearchEndpoints(DeepResearchClient research, EnvelopeWriter envelope, IOptionsMonitor<DeepResearchOptions> researchOptions, TimeProvider time)
    {
        _research = research;
        _envelope = envelope;
        _researchOptions = researchOptions;
        _time = time;
    }

    public string Name => "research";

    public IReadOnlyCollection<string> Actions { get; } = [StartAction, ConfirmAction, EventsAction, GetAction];

    public string? UnavailableReason => _researchOptions.CurrentValue.Enabled ? null : "Deep research is switched off on this gateway (Features:DeepResearch:Enabled).";

    public OperationDoc Describe(string method, string path, string? action) => action switch
    {
        StartAction => new("Start a Deep Research", "Asks Gemini for a research plan from a prompt (optional model). Confirm it to start the research. Experimental.", typeof(ResearchStartDocument), typeof(ResearchStart))
        {
            RequestExample = """{"prompt":"The history of the transistor"}""",
        },
        ConfirmAction => new("Confirm a research plan", "Starts the research of a plan returned by POST /api/research.", null, typeof(ResearchStart)),
        EventsAction => new("Follow a research", "Server-Sent Events: a status event when the research's status changes, then done with the report, or error.", null, typeof(ResearchReport))
        {
            OnlyEventStream = true,
            StreamDescription = "status events ({status}), then done ({data}: the report) or error ({error}); every event's JSON carries requestId.",
        },
        _ => new("Get a research report", "The report with its sources once the research completed.", null, typeof(ResearchReport)),
    };

    public async Task HandleAsync(BridgeCall call)
    {
        var aborted = call.Aborted;
        if (call.Action == StartAction)
        {
            using var body = await JsonBody.ReadObjectAsync(call.Request, BodyLimits.Json(call.Options), optional: false, aborted);
            JsonFields.EnsureOnly(body.RootElement, StartFields);
            var prompt = JsonFields.RequiredString(body.RootElement, "prompt", call.Options.MaxPromptChars);
            var model = JsonFields.OptionalString(body.RootElement, "model", 200, allowEmpty: false);
            var started = await _research.StartAsync(call.Upstream, prompt, model, aborted);
            await _envelope.WriteDataAsync(call, started, AccountFeaturesJsonContext.Default.ResearchStart);
            return;
        }

        var id = FeatureErrors.RequireId(call.Request.RouteValues["id"] as string, "research id");
        switch (call.Action)
        {
            case ConfirmAction:
                var confirmed = await _research.ConfirmAsync(call.Upstream, id, aborted);
                await _envelope.WriteDataAsync(call, confirmed, AccountFeaturesJsonContext.Default.ResearchStart);
                return;
            case EventsAction:
                await StreamEventsAsync(call, id);
                return;
            default:
                var report = await _research.ReportAsync(call.Upstream, id, aborted);
                await _envelope.WriteDataAsync(call, report, AccountFeaturesJsonContext.Default.ResearchReport);
                return;
        }
    }

    /// <summary>
    /// Polls kwDCne every <see cref="DeepResearchOptions.PollInterval"/> and sends a <c>status</c> event when the status
    /// changed (a heartbeat comment otherwise), then <c>done</c> with the report. The first poll runs before the response
    /// starts, so an unknown id or expired cookies are a normal envelope; later failures are an <c>error</c> event.
    /// </summary>
    private async Task StreamEventsAsync(BridgeCall call, string id)
    {
        var aborted = call.Aborted;
        var settings = _researchOptions.CurrentValue;
        var started = _time.GetTimestamp();
        var status = await _research.StatusAsync(call.Upstream, id, aborted);

        var stream = await call.StartStreamAsync(NativeEvents.ContentType, NativeEvents.WriteErrorAsync);
        var writer = stream.Writer;
        ResearchStatus? sent = null;
        while (true)
        {
            if (sent != status)
            {
                await NativeEvents.WriteAsync(writer, ChatEventNames.Status, status, static (json, s) =>
                {
                    json.WritePropertyName("status");
                    JsonSerializer.Serialize(json, s, AccountFeaturesJsonContext.Default.ResearchStatus);
                }, aborted);
                stream.FirstEventWritten();
                sent = status;
            }
            else
            {
                await writer.WriteHeartbeatAsync(aborted);
            }

            if (status.State == ResearchState.Completed)
            {
                var report = await _research.ReportAsync(call.Upstream, id, aborted);
                await NativeEvents.WriteAsync(writer, ChatEventNames.Done, report, static (json, r) =>
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
            status = await _research.StatusAsync(call.Upstream, id, aborted);
        }
    }
}
