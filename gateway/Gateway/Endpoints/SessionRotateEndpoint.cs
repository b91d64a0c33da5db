using BridgeEngine.Client;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>
/// <c>POST /api/session/rotate</c>: asks Google for a fresh __Secure-1PSIDTS (protocol §4) and hands it back,
/// so a caller can keep a session alive between chats without the gateway storing anything.
/// </summary>
internal sealed class SessionRotateEndpoint : IBridgeOperation
{
    private readonly GeminiWebClient _client;
    private readonly EnvelopeWriter _envelope;

    public SessionRotateEndpoint(GeminiWebClient client, EnvelopeWriter envelope)
    {
        _client = client;
        _envelope = envelope;
    }

    public string Name => "session.rotate";

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Rotate __Secure-1PSIDTS", "Asks Google for a fresh __Secure-1PSIDTS and returns it in data.psidts and the x-gemini-psidts-next header.", null, typeof(SessionRotationData));

    public async Task HandleAsync(BridgeCall call)
    {
        var rotated = await _client.RotateCookiesAsync(call.Upstream, call.Aborted);
        await _envelope.WriteDataAsync(call, new SessionRotationData(rotated is not null, rotated), GatewayJsonContext.Default.SessionRotationData);
    }
}
