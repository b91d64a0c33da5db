using Gateway.Pipeline;

namespace Gateway.Compat.GeminiApi;

/// <summary>The <c>gemini</c> error shape (<see cref="GeminiErrorWriter"/>).</summary>
internal sealed class GeminiErrorShape : IErrorShape
{
    public string Name => "gemini";

    public Task WriteAsync(HttpContext context, BridgeFailure failure) =>
        GeminiErrorWriter.WriteAsync(context, failure.Code, failure.Message, failure.Param, failure.RetryAfter);
}
