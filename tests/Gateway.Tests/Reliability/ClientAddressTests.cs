using System.Net;
using Gateway.Policies.ClientIp;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Policies;
using GeminiSimulator;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>Issue 17 item 4: addresses are normalised before they key the IP limit and the brute-force guard.</summary>
public sealed class ClientAddressTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData("203.0.113.77", 64, "203.0.113.77")]
    [InlineData("::ffff:203.0.113.77", 64, "203.0.113.77")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1::/56")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 96, "2001:db8:1:2:aaaa:bbbb::/96")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "2001:db8:1:2:aaaa:bbbb:cccc:dddd")]
    [InlineData("fe80::1%2", 64, "fe80::/64")]
    [InlineData("::1", 64, "::/64")]
    public void Key_GroupsIpv6ByPrefix_AndUnmapsIpv4(string address, int prefix, string expected) =>
        Assert.Equal(expected, ClientAddressKey.Of(IPAddress.Parse(address), prefix));

    [Fact]
    public async Task ThirtyAddressesOfOneIpv6Slash64_ShareOneBucket_AndMappedIpv4SharesWithIpv4()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"),
            ("RateLimiting:Policies:default:PerIp:PermitLimit", "29"),
            ("RateLimiting:Policies:default:PerIp:Window", "00:10:00"),
            ("Network:TrustedProxies:0", "127.0.0.1")), relaxedPolicies: false);

        var statuses = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var (response, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: $"2001:db8:77:1:{i:x}::{i + 1:x}"));
            statuses.Add((int)response.StatusCode);
        }

        var (otherNetwork, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "2001:db8:77:2::1"));

        Assert.Equal(29, statuses.Count(s => s == 200));
        Assert.Equal(429, statuses[^1]);
        Envelope.AssertSuccess(otherNetwork, otherBody);
    }

    [Fact]
    public async Task MappedAndPlainIpv4_AreOneBucket()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"),
            ("RateLimiting:Policies:default:PerIp:PermitLimit", "1"),
            ("RateLimiting:Policies:default:PerIp:Window", "00:10:00"),
            ("Network:TrustedProxies:0", "127.0.0.1")), relaxedPolicies: false);

        var (first, firstBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.77"));
        var (mapped, mappedBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "::ffff:203.0.113.77"));

        Envelope.AssertSuccess(first, firstBody);
        Envelope.AssertFailure(mapped, mappedBody, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("129")]
    public async Task Ipv6PrefixOutOfRange_FailsTheStart(string prefix)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await (await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Network:IPv6PrefixLength"] = prefix })).DisposeAsync());
        Assert.Contains("Network:IPv6PrefixLength", failure.Message, StringComparison.Ordinal);
    }
}
