using System.Net;
using Gateway.Policies.ClientIp;

namespace Gateway.Policies.Tests;

/// <summary>Per-address buckets key on the normalised address: IPv4-mapped IPv6 is IPv4, IPv6 is grouped by its prefix.</summary>
public sealed class ClientAddressKeyTests
{
    [Theory]
    [InlineData("203.0.113.77", 64, "203.0.113.77")]
    [InlineData("::ffff:203.0.113.77", 64, "203.0.113.77")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa::1", 128, "2001:db8:1:2:aaaa::1")]
    [InlineData("2001:db8:1:2:aaaa::1", 48, "2001:db8:1::/48")]
    public void Of_NormalisesBeforeKeying(string address, int prefix, string expected)
    {
        Assert.Equal(expected, ClientAddressKey.Of(IPAddress.Parse(address), prefix));
    }

    [Fact]
    public void Of_NoAddress_IsUnknown()
    {
        Assert.Equal(ClientAddressKey.Unknown, ClientAddressKey.Of(null, 64));
    }
}
