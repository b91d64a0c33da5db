using Gateway.Tests.Policies;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Runs after the parallel classes (serial collection) and scans every line that every gateway of this test
/// run logged (in-process hosts at Debug level and child processes) for any cookie value handed out by
/// <see cref="Psid.New"/>, the fixed canaries and the test API keys.
/// </summary>
[Collection(ReliabilitySerialGroup.Name)]
public sealed class SuiteLeakScanTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public SuiteLeakScanTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EverythingTheSuiteLogged_HoldsNoCookieAndNoApiKey()
    {
        var lines = SuiteLogs.AllLines().ToList();
        Assert.NotEmpty(lines);

        SecretScan.AssertClean(lines, [], [PolicyHosts.KeyA, PolicyHosts.KeyB, PolicyHosts.OtherTenantKey], Psid.Issued);
        _output.WriteLine($"scanned {lines.Count} log lines from {SuiteLogs.SourceCount} gateways for {Psid.Issued.Count} cookie values");
    }
}
