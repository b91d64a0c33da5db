using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>The <c>by-client</c> error shape: the Gemini API's for Google clients, OpenAI's otherwise (<see cref="ClientKind"/>).</summary>
internal sealed class ByClientErrorShape : IErrorShape
{
    public const string ShapeName = "by-client";

    private readonly OpenAiErrorShape _openAi = new();
    private readonly GeminiErrorShape _gemini = new();

    public string Name => ShapeName;

    public Task WriteAsync(HttpContext context, BridgeFailure failure) =>
        (ClientKind.IsGoogleClient(context.Request) ? (IErrorShape)_gemini : _openAi).WriteAsync(context, failure);
}
