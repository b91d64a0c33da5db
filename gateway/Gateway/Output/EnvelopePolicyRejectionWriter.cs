using BridgeEngine.Errors;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Policies.Outcome;
using Yarp.ReverseProxy.Model;

namespace Gateway.Output;

/// <summary>
/// Policy refusals (API key, limits, blocks) answer in the shape the route's callers expect: the gateway
/// envelope, or, for routes whose metadata says <c>ErrorShape: openai|gemini</c>, that API's own error object,
/// so an SDK raises its usual error with the same code and status.
/// </summary>
public sealed class EnvelopePolicyRejectionWriter : IPolicyRejectionWriter
{
    public const string ErrorShapeKey = "ErrorShape";

    private readonly EnvelopeWriter _writer;

    public EnvelopePolicyRejectionWriter(EnvelopeWriter writer)
    {
        _writer = writer;
    }

    public Task RejectAsync(HttpContext context, BridgeErrorCode code, string message, TimeSpan? retryAfter)
    {
        var metadata = context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata;
        var shape = metadata is not null && metadata.TryGetValue(ErrorShapeKey, out var value) ? value : null;
        return shape?.ToLowerInvariant() switch
        {
            "openai" => OpenAiErrorWriter.WriteAsync(context, code, message, null, retryAfter),
            "gemini" => GeminiErrorWriter.WriteAsync(context, code, message, null, retryAfter),
            _ => _writer.WriteErrorAsync(context, code, message, retryAfter),
        };
    }
}
