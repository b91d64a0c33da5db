namespace Gateway.Compat.Usage;

/// <summary>
/// The gateway's own token estimate for one answer (<see cref="UsageEstimator"/>): never Google's count, which the
/// Gemini web app does not report. <see cref="CompletionTokens"/> counts the visible answer; thinking is counted apart
/// in <see cref="ThoughtsTokens"/> (surfaces that fold reasoning into completion tokens add it themselves).
/// </summary>
internal sealed record UsageEstimate(int PromptTokens, int CompletionTokens, int ThoughtsTokens)
{
    /// <summary>Prompt + completion + thoughts.</summary>
    public int TotalTokens => PromptTokens + CompletionTokens + ThoughtsTokens;

    /// <summary>Two estimates added (an answer that took a repair turn costs both turns).</summary>
    public UsageEstimate Plus(UsageEstimate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens, ThoughtsTokens + other.ThoughtsTokens);
    }
}
