using BridgeEngine.Errors;
using Gateway.Policies;
using Gateway.Policies.Outcome;

namespace Gateway.Pipeline;

/// <summary>
/// Every error answer, from every source (an operation, a policy refusal, the exception handler), is written in the
/// shape the route's callers expect (<c>ErrorShape</c> metadata), so an SDK raises its usual error with the same code
/// and status. Without the metadata, or outside any route, it is the gateway envelope.
/// </summary>
internal sealed class ErrorShapes : IPolicyRejectionWriter
{
    public const string Envelope = "envelope";

    private readonly Dictionary<string, IErrorShape> _shapes;
    private readonly IErrorShape _envelope;

    public ErrorShapes(IEnumerable<IErrorShape> shapes)
    {
        _shapes = shapes.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _envelope = _shapes[Envelope];
    }

    public IReadOnlyCollection<string> Names => _shapes.Keys;

    public bool Exists(string name) => _shapes.ContainsKey(name);

    public IErrorShape For(HttpContext context) =>
        RoutePolicyMetadata.Get(context, RouteMetadataKeys.ErrorShape) is { } name && _shapes.TryGetValue(name, out var shape) ? shape : _envelope;

    public Task WriteAsync(HttpContext context, BridgeFailure failure) => For(context).WriteAsync(context, failure);

    public Task RejectAsync(HttpContext context, BridgeErrorCode code, string message, TimeSpan? retryAfter) =>
        WriteAsync(context, new BridgeFailure(code, message, null, retryAfter));
}
