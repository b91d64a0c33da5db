using BridgeEngine.Client;
using Gateway.Hosting;
using Gateway.Policies.ApiKeys;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Pipeline;

/// <summary>
/// One request to a bridge operation, prepared by the dispatch: the caller's cookies read and checked into the
/// upstream call (with the tenant's model allow-list), the route and action, the options of the moment. An operation
/// does its own job with it; failures, outcomes, the rotated-cookie hand-back and stream bookkeeping stay with the
/// dispatch.
/// </summary>
internal sealed class BridgeCall
{
    public BridgeCall(HttpContext context, UpstreamCall upstream, RouteConfig route, GatewayOptions options, StreamTracker streams)
    {
        Context = context;
        Upstream = upstream;
        Route = route;
        Options = options;
        Streams = streams;
        Action = route.Metadata is { } metadata && metadata.TryGetValue(Policies.RouteMetadataKeys.BridgeAction, out var action) ? action : null;
    }

    public HttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    public HttpResponse Response => Context.Response;

    /// <summary>The request's token: the caller leaving, or the end of the shutdown drain.</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    public UpstreamCall Upstream { get; }

    public RouteConfig Route { get; }

    /// <summary>The route's <c>BridgeAction</c> metadata, if any (validated against the operation's actions at load).</summary>
    public string? Action { get; }

    public TenantFeature? Tenant => Context.Features.Get<TenantFeature>();

    public GatewayOptions Options { get; }

    public StreamTracker Streams { get; }

    /// <summary>The streamed response once an operation started one; the dispatch ends it with an error event on failure.</summary>
    public EventStream? Stream { get; internal set; }

    /// <summary>Starts a 200 streaming response; see <see cref="EventStream"/>.</summary>
    public Task<EventStream> StartStreamAsync(string contentType, Func<EventStreamWriter, BridgeFailure, ValueTask> writeError) =>
        Streams.StartAsync(this, contentType, writeError);
}
