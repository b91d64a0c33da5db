using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>The <c>anthropic</c> error shape (<see cref="AnthropicErrorWriter"/>).</summary>
internal sealed class AnthropicErrorShape : IErrorShape
{
    public const string ShapeName = "anthropic";

    public string Name => ShapeName;

    public Task WriteAsync(HttpContext context, BridgeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return AnthropicErrorWriter.WriteAsync(context, failure.Code, failure.Message, failure.Param, failure.RetryAfter);
    }
}
