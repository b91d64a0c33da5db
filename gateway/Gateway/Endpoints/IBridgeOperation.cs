using Gateway.ApiDocs;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>
/// One operation of the gateway's API, bound to YARP routes by their <c>Bridge</c> metadata value
/// (config/reverse-proxy.json). It runs in-process inside the YARP pipeline instead of forwarding, receives a prepared
/// <see cref="BridgeCall"/> and only does its own job: read its input, call the engine, write its answer. Failures are
/// thrown (<see cref="BridgeEngine.Errors.BridgeException"/>, <see cref="RequestRejectedException"/>); the dispatch
/// writes them in the route's shape.
/// </summary>
internal interface IBridgeOperation
{
    /// <summary>The <c>Bridge</c> metadata value that selects this operation.</summary>
    string Name { get; }

    /// <summary>The <c>BridgeAction</c> values a route may name for this operation; empty = the metadata is not used.</summary>
    IReadOnlyCollection<string> Actions => [];

    /// <summary>Why the operation is switched off right now (answered NOT_FOUND before credentials are read); null = on.</summary>
    string? UnavailableReason => null;

    /// <summary>How the operation is described in the OpenAPI document, per route path, HTTP method and action.</summary>
    OperationDoc Describe(string method, string path, string? action);

    Task HandleAsync(BridgeCall call);
}
