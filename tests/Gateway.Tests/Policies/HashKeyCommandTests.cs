using Gateway.Hosting;
using Gateway.Policies.ApiKeys;

namespace Gateway.Tests.Policies;

public sealed class HashKeyCommandTests
{
    [Fact]
    public void HashKey_ReadsKeyFromStandardInput_PrintsTheHashTheStoreAccepts()
    {
        using var output = new StringWriter();

        var handled = HashKeyCommand.TryRun(["hash-key"], new StringReader("bk_live_0123456789abcdef0123456789\n"), output);

        Assert.True(handled);
        Assert.Equal(ApiKeyHash.Of("bk_live_0123456789abcdef0123456789"), output.ToString().Trim());
        Assert.Matches("^[0-9a-f]{64}$", output.ToString().Trim());
    }

    [Fact]
    public void OtherArguments_AreNotTheCommand()
    {
        Assert.False(HashKeyCommand.TryRun(["--simulator"], new StringReader(string.Empty), TextWriter.Null));
    }
}
