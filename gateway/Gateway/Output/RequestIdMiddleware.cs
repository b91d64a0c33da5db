namespace Gateway.Output;

/// <summary>
/// Gives every request a UUID v4 before anything else runs; it is the envelope's requestId, the
/// <c>x-request-id</c> response header and the logs' TraceIdentifier, so a caller's report finds the log line.
/// </summary>
internal sealed class RequestIdMiddleware
{
    public const string HeaderName = "x-request-id";

    private readonly RequestDelegate _next;

    public RequestIdMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString("D");
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        return _next(context);
    }
}
