using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>The <c>openai</c> error shape (<see cref="OpenAiErrorWriter"/>).</summary>
internal sealed class OpenAiErrorShape : IErrorShape
{
    public string Name => "openai";

    public Task WriteAsync(HttpContext context, BridgeFailure failure) =>
        OpenAiErrorWriter.WriteAsync(context, failure.Code, failure.Message, failure.Param, failure.RetryAfter);
}
