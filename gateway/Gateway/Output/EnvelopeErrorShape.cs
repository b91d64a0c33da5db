using Gateway.Pipeline;

namespace Gateway.Output;

/// <summary>The gateway's own error envelope, the default shape of every route.</summary>
internal sealed class EnvelopeErrorShape : IErrorShape
{
    private readonly EnvelopeWriter _writer;

    public EnvelopeErrorShape(EnvelopeWriter writer)
    {
        _writer = writer;
    }

    public string Name => ErrorShapes.Envelope;

    public Task WriteAsync(HttpContext context, BridgeFailure failure) => _writer.WriteErrorAsync(context, failure.Code, failure.Message, failure.RetryAfter);
}
