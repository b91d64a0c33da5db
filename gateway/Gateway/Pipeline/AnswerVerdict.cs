using BridgeEngine.Contracts;

namespace Gateway.Pipeline;

/// <summary>What an <see cref="IAnswerReview"/> decided about a complete answer.</summary>
internal abstract record AnswerVerdict
{
    private AnswerVerdict()
    {
    }

    /// <summary>Answer with <paramref name="Result"/> (the surface's format writes it).</summary>
    public sealed record Accept(ChatResult Result) : AnswerVerdict;

    /// <summary>Run <paramref name="Next"/> and review its answer.</summary>
    public sealed record Retry(ChatRequest Next) : AnswerVerdict;
}
