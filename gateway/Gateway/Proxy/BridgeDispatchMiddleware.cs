using System.Diagnostics;
using BridgeEngine.Errors;
using Gateway.Diagnostics;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Output;
using Gateway.Policies.Outcome;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The last step of the YARP pipeline for bridge routes: a route whose metadata names a <c>Bridge</c>
/// operation is answered in-process by that operation and never forwarded. Other routes go on to YARP's
/// forwarder as plain proxies.
/// </summary>
public sealed partial class BridgeDispatchMiddleware
{
    public const string MetadataKey = "Bridge";

    private readonly RequestDelegate _next;
    private readonly Dictionary<string, IBridgeOperation> _operations;
    private readonly EnvelopeWriter _envelope;
    private readonly GracefulShutdown _shutdown;
    private readonly ILogger<BridgeDispatchMiddleware> _logger;

    public BridgeDispatchMiddleware(RequestDelegate next, IEnumerable<IBridgeOperation> operations, EnvelopeWriter envelope, GracefulShutdown shutdown, ILogger<BridgeDispatchMiddleware> logger)
    {
        _next = next;
        _operations = operations.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        _envelope = envelope;
        _shutdown = shutdown;
        _logger = logger;
    }

    public IReadOnlyCollection<string> OperationNames => _operations.Keys;

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var metadata = proxy.Route.Config.Metadata;
        if (metadata is null || !metadata.TryGetValue(MetadataKey, out var name))
        {
            await _next(context);
            return;
        }

        if (!_operations.TryGetValue(name, out var operation))
        {
            Log.UnknownOperation(_logger, proxy.Route.Config.RouteId, name);
            await _envelope.WriteErrorAsync(context, BridgeErrorCode.InternalError, "The route is configured with an unknown bridge operation.");
            return;
        }

        using var activity = GatewayMetrics.Source.StartActivity("bridge " + operation.Name, ActivityKind.Internal);
        activity?.SetTag("gateway.operation", operation.Name);

        // Every operation sees the end of the shutdown drain through its request token, like a client abort.
        var connectionAborted = context.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted, _shutdown.DrainExpired);
        context.RequestAborted = linked.Token;
        try
        {
            await operation.HandleAsync(context, PickUpstream(proxy));
        }
        catch (BridgeException ex) when (!context.Response.HasStarted)
        {
            RecordOutcome(context, ex.Code);
            activity?.SetStatus(ActivityStatusCode.Error, ErrorCatalog.Describe(ex.Code).Code);
            Log.Refused(_logger, proxy.Route.Config.RouteId, ErrorCatalog.Describe(ex.Code).Code, ex.UpstreamCode);
            await _envelope.WriteErrorAsync(context, ex.Code, ex.Message, ex.RetryAfter);
        }
        catch (OperationCanceledException) when (connectionAborted.IsCancellationRequested)
        {
            // The caller went away; the cancellation already reached upstream and there is nobody to answer.
            Log.ClientAborted(_logger, proxy.Route.Config.RouteId);
        }
        catch (OperationCanceledException) when (_shutdown.IsDrainExpired && !context.Response.HasStarted)
        {
            // Not answered within the shutdown drain time: the upstream call was cancelled; the caller may retry elsewhere.
            activity?.SetStatus(ActivityStatusCode.Error, "shutdown");
            await _envelope.WriteErrorAsync(context, BridgeErrorCode.ApiError, GracefulShutdown.ShuttingDownMessage);
        }
        finally
        {
            context.RequestAborted = connectionAborted;
        }
    }

    /// <summary>Tells the policy steps that run after dispatch (block cool-down, brute-force guard) how it ended.</summary>
    public static void RecordOutcome(HttpContext context, BridgeErrorCode code)
    {
        var outcome = RequestOutcomeFeature.For(context);
        outcome.Code = code;
        outcome.FromUpstream = code is BridgeErrorCode.TemporarilyBlocked or BridgeErrorCode.GeminiAuthError or BridgeErrorCode.UsageLimitExceeded
            or BridgeErrorCode.ApiError or BridgeErrorCode.Timeout;
    }

    /// <summary>The cluster's destination after load balancing is the Gemini origin for this call.</summary>
    private static Uri? PickUpstream(IReverseProxyFeature proxy)
    {
        var destinations = proxy.AvailableDestinations;
        return destinations.Count > 0 && Uri.TryCreate(destinations[0].Model.Config.Address, UriKind.Absolute, out var address) ? address : null;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareUnknownOperation, LogLevel.Error, "Route {RouteId} names unknown bridge operation {Operation}")]
        public static partial void UnknownOperation(ILogger logger, string routeId, string operation);

        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareRefused, LogLevel.Information, "Route {RouteId} answered {ErrorCode} (upstream code {UpstreamCode})")]
        public static partial void Refused(ILogger logger, string routeId, string errorCode, int? upstreamCode);

        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareClientAborted, LogLevel.Debug, "Route {RouteId}: the client disconnected")]
        public static partial void ClientAborted(ILogger logger, string routeId);
    }
}
