using System.Diagnostics;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Policies;
using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Issue 17 item 3: the brute-force guard stops guessing without becoming a weapon. Failures count per presented
/// credential and per (address, tenant); a valid key answers only for its own tenant's failures.
/// </summary>
public sealed class LockoutTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private SimulatorServer _simulator = null!;

    public LockoutTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<GatewayHost> StartAsync(params (string Key, string Value)[] extra) =>
        GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys([
            ("BruteForce:Enabled", "true"), ("BruteForce:MaxFailures", "4"), ("BruteForce:BlockFor", "00:15:00"),
            ("BruteForce:SlowDownAfter", "2"), ("BruteForce:SlowDownStep", "00:00:00.250"), ("BruteForce:MaxSlowDown", "00:00:00.500"),
            ("Network:TrustedProxies:0", "127.0.0.1"), .. extra]), relaxedPolicies: false);

    [Fact]
    public async Task AttackersWrongKeys_SlowDownThenBlockTheGuesser_ButNotAValidTenantOnTheSameAddress()
    {
        await using var gateway = await StartAsync();
        const string address = "203.0.113.10";
        var elapsed = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            var (wrong, wrongBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat($"bk_guess_{i:D4}_xxxxxxxxxxxxxxxxxxxx", Psid.New(), forwardedFor: address));
            elapsed.Add(watch.Elapsed);
            Envelope.AssertFailure(wrong, wrongBody, 401, "BRIDGE_AUTH_ERROR");
        }

        var (guess, guessBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat("bk_guess_9999_xxxxxxxxxxxxxxxxxxxx", Psid.New(), forwardedFor: address));
        var (valid, validBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: address));
        var (other, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New(), forwardedFor: address));
        var (noKey, noKeyBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New(), forwardedFor: address));

        // Failures 3 and 4 waited (slow down), the fifth guess is blocked; both tenants on that address are served.
        // Timers fire on a millisecond tick, so a 500 ms wait can measure 499.8 ms by the Stopwatch: allow one tick.
        var tick = TimeSpan.FromMilliseconds(16);
        Assert.True(elapsed[2] >= TimeSpan.FromMilliseconds(250) - tick, $"third failure answered after {elapsed[2].TotalMilliseconds} ms");
        Assert.True(elapsed[3] >= TimeSpan.FromMilliseconds(500) - tick, $"fourth failure answered after {elapsed[3].TotalMilliseconds} ms");
        Envelope.AssertFailure(guess, guessBody, 429, "TEMPORARILY_BLOCKED");
        Assert.InRange(guess.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Envelope.AssertSuccess(valid, validBody);
        Envelope.AssertSuccess(other, otherBody);
        Envelope.AssertFailure(noKey, noKeyBody, 429, "TEMPORARILY_BLOCKED");
        _output.WriteLine($"wrong-key answers (ms): {string.Join(", ", elapsed.Select(e => e.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}; 5th guess {(int)guess.StatusCode}; valid tenants {(int)valid.StatusCode}/{(int)other.StatusCode}");
    }

    [Fact]
    public async Task TenantsMalformedCookies_BlockThatTenantOnThatAddress_NotAnotherTenant()
    {
        await using var gateway = await StartAsync();
        const string address = "203.0.113.20";
        for (var i = 0; i < 4; i++)
        {
            var (bad, badBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, $"g.a000malformed{i};x", forwardedFor: address));
            Envelope.AssertFailure(bad, badBody, 401, "INVALID_GEMINI_CREDENTIALS");
        }

        var (same, sameBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: address));
        var (otherTenant, otherTenantBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New(), forwardedFor: address));
        var (elsewhere, elsewhereBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.21"));

        Envelope.AssertFailure(same, sameBody, 429, "TEMPORARILY_BLOCKED");
        Envelope.AssertSuccess(otherTenant, otherTenantBody);
        Envelope.AssertSuccess(elsewhere, elsewhereBody);
    }

    [Fact]
    public async Task OneWrongKeyRetriedFromManyAddresses_IsBlockedAsACredential_OnlyThatValue()
    {
        await using var gateway = await StartAsync(("BruteForce:SlowDownAfter", "100"));
        const string leaked = "bk_revoked_key_retried_by_a_fleet_of_clients";
        for (var i = 0; i < 4; i++)
        {
            var (wrong, wrongBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(leaked, Psid.New(), forwardedFor: $"198.51.100.{i + 1}"));
            Envelope.AssertFailure(wrong, wrongBody, 401, "BRIDGE_AUTH_ERROR");
        }

        var (again, againBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(leaked, Psid.New(), forwardedFor: "198.51.100.99"));
        var (different, differentBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(leaked + "2", Psid.New(), forwardedFor: "198.51.100.98"));
        var (valid, validBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "198.51.100.1"));

        Envelope.AssertFailure(again, againBody, 429, "TEMPORARILY_BLOCKED");
        Envelope.AssertFailure(different, differentBody, 401, "BRIDGE_AUTH_ERROR");
        Envelope.AssertSuccess(valid, validBody);
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains(leaked, StringComparison.Ordinal));
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("[6402]", StringComparison.Ordinal));
    }
}
