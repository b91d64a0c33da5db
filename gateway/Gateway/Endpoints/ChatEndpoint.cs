using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Hosting;
using Gateway.Output;
using Gateway.Policies.ApiKeys;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// <c>POST /api/chat</c>: one chat turn, answered as the JSON envelope or, with <c>"stream": true</c> or
/// <c>Accept: text/event-stream</c>, as Server-Sent Events.
/// </summary>
public sealed class ChatEndpoint : IBridgeOperation
{
    private readonly GeminiWebClient _client;
    private readonly EnvelopeWriter _envelope;
    private readonly ChatSseStreamer _sse;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly ChatFileInputReader? _input;

    /// <param name="input">Account features (AddAccountFeatures): multipart / base64 files and gem checks; null = JSON only.</param>
    public ChatEndpoint(GeminiWebClient client, EnvelopeWriter envelope, ChatSseStreamer sse, IOptionsMonitor<GatewayOptions> options, ChatFileInputReader? input = null)
    {
        _client = client;
        _envelope = envelope;
        _sse = sse;
        _options = options;
        _input = input;
    }

    public string Name => "chat";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var options = _options.CurrentValue;
        var credentials = GeminiCredentialHeaders.Read(context.Request);
        var call = new UpstreamCall(credentials) { AppBaseUrl = upstream };
        var parsed = _input is null
            ? await ChatRequestReader.ReadAsync(context.Request, options, context.RequestAborted)
            : await _input.ReadAsync(context, call, options, context.RequestAborted);

        if (context.Features.Get<TenantFeature>() is { } tenant && !tenant.AllowsModel(parsed.Request.Model))
        {
            throw new BridgeException(BridgeErrorCode.ModelInvalid, parsed.Request.Model is null
                ? "This API key must name a model: " + string.Join(", ", tenant.Tenant!.Models) + "."
                : $"This API key may not use model '{parsed.Request.Model}'. Allowed: {string.Join(", ", tenant.Tenant!.Models)}.");
        }

        await using var turn = await _client.StartChatAsync(call, parsed.Request, context.RequestAborted);
        if (parsed.Stream || WantsEventStream(context.Request))
        {
            await _sse.StreamAsync(context, turn, response => HandBackRotatedCookie(response, call, options));
            return;
        }

        ChatResult? result = null;
        await foreach (var item in turn.ReadEventsAsync(context.RequestAborted))
        {
            if (item is ChatEvent.Completed completed)
            {
                result = completed.Result;
            }
        }

        if (result is null)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini ended the response without an answer.");
        }

        HandBackRotatedCookie(context.Response, call, options);
        await _envelope.WriteSuccessAsync(context, result, GatewayJsonContext.Default.ChatResult);
    }

    /// <summary>
    /// Google rotates __Secure-1PSIDTS; the gateway keeps nothing, so the new value goes back to the caller,
    /// who sends it from now on.
    /// </summary>
    internal static void HandBackRotatedCookie(HttpResponse response, UpstreamCall call, GatewayOptions options)
    {
        if (call.RotatedPsidts is { } rotated)
        {
            response.Headers[options.RotatedCookieHeader] = rotated;
            response.Headers.CacheControl = "no-store";
        }
    }

    private static bool WantsEventStream(HttpRequest request) =>
        request.Headers.Accept.Any(value => value is not null && value.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
