using BridgeEngine.Client;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// <c>POST /api/session/rotate</c>: asks Google for a fresh __Secure-1PSIDTS (protocol §4) and hands it back,
/// so a caller can keep a session alive between chats without the gateway storing anything.
/// </summary>
public sealed class SessionRotateEndpoint : IBridgeOperation
{
    private readonly GeminiWebClient _client;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public SessionRotateEndpoint(GeminiWebClient client, EnvelopeWriter envelope, IOptionsMonitor<GatewayOptions> options)
    {
        _client = client;
        _envelope = envelope;
        _options = options;
    }

    public string Name => "session.rotate";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var rotated = await _client.RotateCookiesAsync(call, context.RequestAborted);
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        context.Response.Headers.CacheControl = "no-store";
        await _envelope.WriteSuccessAsync(context, new SessionRotationData(rotated is not null, rotated), GatewayJsonContext.Default.SessionRotationData);
    }
}
