using Gateway.Compat.Usage;

namespace Gateway.Tests.Compat;

/// <summary>The one usage estimate: UTF-8 bytes / 4, rounded up, the same on every surface.</summary>
public sealed class ToolsUsageEstimatorTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("\U0001F680", 1)]
    [InlineData("日本語", 3)]
    public void Tokens_CountsUtf8BytesOverFourRoundedUp(string text, int expected) =>
        Assert.Equal(expected, UsageEstimator.Tokens(text));

    [Fact]
    public void Estimate_SeparatesPromptCompletionAndThoughts()
    {
        var estimate = UsageEstimator.Estimate("12345678", "1234", "123456789");

        Assert.Equal(new UsageEstimate(2, 1, 3), estimate);
        Assert.Equal(6, estimate.TotalTokens);
        Assert.Equal(new UsageEstimate(4, 2, 6), estimate.Plus(estimate));
    }
}
