using Gateway.Compat.Anthropic;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>The <c>by-client</c> error shape: the Gemini API's for Google clients, Anthropic's for Anthropic clients, OpenAI's otherwise (<see cref="ClientKind"/>).</summary>
internal sealed class ByClientErrorShape : IErrorShape
{
    public const string ShapeName = "by-client";

    private readonly OpenAiErrorShape _openAi = new();
    private readonly GeminiErrorShape _gemini = new();
    private readonly AnthropicErrorShape _anthropic = new();

    public string Name => ShapeName;

    public Task WriteAsync(HttpContext context, BridgeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        IErrorShape shape = ClientKind.Of(context.Request) switch
        {
            ClientFamily.Google => _gemini,
            ClientFamily.Anthropic => _anthropic,
            _ => _openAi,
        };
        return shape.WriteAsync(context, failure);
    }
}
