using System.Diagnostics;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using Gateway.Diagnostics;
using Gateway.Endpoints;
using Gateway.Hosting;
using Gateway.Output;
using Gateway.Pipeline;
using Gateway.Policies;
using Gateway.Policies.ApiKeys;
using Gateway.Policies.Outcome;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The last step of the YARP pipeline for bridge routes, and the one owner of per-request plumbing: a route whose
/// metadata names a <c>Bridge</c> operation is answered in-process by it, never forwarded. Here the caller's cookies
/// become the upstream call (with the tenant's model allow-list), a rotated __Secure-1PSIDTS goes back to the caller,
/// every failure becomes the route's error shape (or the stream's error event once it started) and its outcome is
/// recorded for the policy steps, and the shutdown drain reaches the operation through the request token.
/// Other routes go on to YARP's forwarder.
/// </summary>
internal sealed partial class BridgeDispatchMiddleware
{
    private readonly RequestDelegate _next;
    private readonly BridgeOperations _operations;
    private readonly ErrorShapes _errors;
    private readonly StreamTracker _streams;
    private readonly GracefulShutdown _shutdown;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly ILogger<BridgeDispatchMiddleware> _logger;

    public BridgeDispatchMiddleware(RequestDelegate next, BridgeOperations operations, ErrorShapes errors, StreamTracker streams, GracefulShutdown shutdown, IOptionsMonitor<GatewayOptions> options, ILogger<BridgeDispatchMiddleware> logger)
    {
        _next = next;
        _operations = operations;
        _errors = errors;
        _streams = streams;
        _shutdown = shutdown;
        _options = options;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        if (route.Metadata is null || !route.Metadata.TryGetValue(RouteMetadataKeys.Bridge, out var name))
        {
            await _next(context);
            return;
        }

        if (RequestTelemetryFeature.Of(context) is { } telemetry)
        {
            telemetry.RouteId = route.RouteId;
        }

        // Route validation refuses unknown operations when the routes load; this is only reached if that was bypassed.
        if (!_operations.TryGet(name, out var operation))
        {
            Log.UnknownOperation(_logger, route.RouteId, name);
            await FailAsync(context, null, new BridgeFailure(BridgeErrorCode.InternalError, "The route is configured with an unknown bridge operation."));
            return;
        }

        using var activity = GatewayMetrics.Source.StartActivity("bridge " + operation.Name, ActivityKind.Internal);
        activity?.SetTag("gateway.operation", operation.Name);

        // Every operation sees the end of the shutdown drain through its request token, like a client abort.
        var connectionAborted = context.RequestAborted;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted, _shutdown.DrainExpired);
        context.RequestAborted = linked.Token;
        BridgeCall? call = null;
        try
        {
            if (operation.UnavailableReason is { } reason)
            {
                throw new RequestRejectedException(string.Empty, reason, BridgeErrorCode.NotFound);
            }

            var options = _options.CurrentValue;
            call = new BridgeCall(context, Prepare(context, route), route, options, _streams);
            context.Response.OnStarting(HandBackRotatedCookie, (call.Upstream, context.Response, options.RotatedCookieHeader));
            await operation.HandleAsync(call);
        }
        catch (Exception ex) when (BridgeFailure.From(ex) is { } failure && !connectionAborted.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ErrorCatalog.Describe(failure.Code).Code);
            Log.Refused(_logger, route.RouteId, ErrorCatalog.Describe(failure.Code).Code, failure.UpstreamCode);
            await FailAsync(context, call, failure);
        }
        catch (Exception ex) when (connectionAborted.IsCancellationRequested && (ex is OperationCanceledException || BridgeFailure.From(ex) is not null))
        {
            // The caller went away; the cancellation already reached upstream and there is nobody to answer.
            Log.ClientAborted(_logger, route.RouteId);
        }
        catch (OperationCanceledException) when (_shutdown.IsDrainExpired)
        {
            // Not answered within the shutdown drain time: the upstream call was cancelled; the caller may retry elsewhere.
            activity?.SetStatus(ActivityStatusCode.Error, "shutdown");
            if (call?.Stream is { } stream)
            {
                Log.StreamCutAtShutdown(_logger, route.RouteId);
                stream.CutAtShutdown();
            }

            await FailAsync(context, call, new BridgeFailure(BridgeErrorCode.ApiError, GracefulShutdown.ShuttingDownMessage));
        }
        catch (Exception ex) when (call?.Stream is not null && context.Response.HasStarted && ex is not OperationCanceledException)
        {
            // A bug after the stream started: the exception handler can no longer answer, so the stream says it.
            Log.StreamCrashed(_logger, route.RouteId, ex.GetType().Name, ex);
            await FailAsync(context, call, new BridgeFailure(BridgeErrorCode.InternalError, null));
        }
        finally
        {
            context.RequestAborted = connectionAborted;
            if (call?.Stream is { } stream)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>The caller's cookies (refused here when malformed, never sent upstream), the cluster's origin and the allow-list.</summary>
    private static UpstreamCall Prepare(HttpContext context, Yarp.ReverseProxy.Configuration.RouteConfig route)
    {
        var credentials = GeminiCredentialHeaders.Read(context.Request);
        var models = context.Features.Get<TenantFeature>()?.Tenant?.Models;
        return new UpstreamCall(credentials)
        {
            AppBaseUrl = PickUpstream(context.GetReverseProxyFeature()),
            ModelAllowList = models is { Count: > 0 } ? [.. models] : null,
        };
    }

    /// <summary>Records the outcome for the policy steps that run after dispatch, then answers in the route's shape.</summary>
    private async Task FailAsync(HttpContext context, BridgeCall? call, BridgeFailure failure)
    {
        var outcome = RequestOutcomeFeature.For(context);
        outcome.Code = failure.Code;
        outcome.FromUpstream = failure.FromUpstream;
        if (!context.Response.HasStarted)
        {
            await _errors.WriteAsync(context, failure);
            return;
        }

        if (call?.Stream is { } stream)
        {
            Log.StreamFailed(_logger, stream.Route, ErrorCatalog.Describe(failure.Code).Code);
            try
            {
                await stream.WriteErrorAsync(failure);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The client left meanwhile; nothing to tell.
            }
        }
    }

    /// <summary>
    /// Google rotates __Secure-1PSIDTS; the gateway keeps nothing, so the new value goes back to the caller, who sends
    /// it from now on. Runs as the response starts, whichever way it starts (answer, stream or error).
    /// </summary>
    private static Task HandBackRotatedCookie(object state)
    {
        var (upstream, response, header) = ((UpstreamCall, HttpResponse, string))state;
        if (upstream.RotatedPsidts is { } rotated)
        {
            response.Headers[header] = rotated;
            response.Headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
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

        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareStreamFailed, LogLevel.Information, "Stream on route {Route} ended with {ErrorCode} after it started")]
        public static partial void StreamFailed(ILogger logger, string route, string errorCode);

        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareStreamCutAtShutdown, LogLevel.Warning, "Stream on route {RouteId} still open when the shutdown drain time ran out; ended with an error event")]
        public static partial void StreamCutAtShutdown(ILogger logger, string routeId);

        [LoggerMessage(LogEventIds.BridgeDispatchMiddlewareStreamCrashed, LogLevel.Error, "Stream on route {RouteId} failed with unhandled {ExceptionType} after it started")]
        public static partial void StreamCrashed(ILogger logger, string routeId, string exceptionType, Exception exception);
    }
}
