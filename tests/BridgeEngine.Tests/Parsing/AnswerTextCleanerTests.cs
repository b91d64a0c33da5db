using BridgeEngine.Parsing;

namespace BridgeEngine.Tests.Parsing;

public sealed class AnswerTextCleanerTests
{
    [Theory]
    [InlineData("a \\*\\*bold", "a")]
    [InlineData("code\n```", "code")]
    [InlineData("Tom &amp", "Tom")]
    [InlineData("see http://googleuserc", "see")]
    [InlineData("x <FollowUp label=\"a\"", "x")]
    [InlineData("trailing space   ", "trailing space")]
    public void Partial_HoldsBackTailsThatMayStillChange(string raw, string expected)
    {
        Assert.Equal(expected, AnswerTextCleaner.CleanPartial(raw));
    }

    [Fact]
    public void Final_UnescapesHtmlAndDropsPlaceholdersAndFollowUps()
    {
        var raw = "Tom &amp; Jerry\n\nhttp://googleusercontent.com/image_generation_content/0\n<FollowUp label=\"More\" query=\"more\"/>";

        Assert.Equal("Tom & Jerry", AnswerTextCleaner.CleanFinal(raw));
    }

    [Fact]
    public void Rewrite_PartialThenFinal_PartialIsPrefixOfFinal()
    {
        var partial = AnswerTextCleaner.CleanPartial("a \\*\\*b");
        var final = AnswerTextCleaner.CleanFinal("a **b**");

        Assert.StartsWith(partial, final, StringComparison.Ordinal);
    }
}
