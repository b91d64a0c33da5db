using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Policies.ClientIp;

/// <summary>
/// The key a client address is counted under (IP limit, brute-force guard): an IPv4-mapped IPv6 address is its
/// IPv4 address, and an IPv6 address is its network of <see cref="NetworkOptions.IPv6PrefixLength"/> bits
/// (one subscriber usually holds a whole /64, so counting single addresses would give each of them a bucket).
/// </summary>
public static class ClientAddressKey
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || ipv6PrefixLength >= 128)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var (highMask, lowMask) = Masks(ipv6PrefixLength);
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high & highMask);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low & lowMask);

        // A scope id (fe80::1%eth0) is not part of the network.
        return string.Create(null, stackalloc char[64], $"{new IPAddress(bytes)}/{ipv6PrefixLength}");
    }

    private static (ulong High, ulong Low) Masks(int prefix) => prefix switch
    {
        <= 0 => (0, 0),
        < 64 => (ulong.MaxValue << (64 - prefix), 0),
        64 => (ulong.MaxValue, 0),
        _ => (ulong.MaxValue, ulong.MaxValue << (128 - prefix)),
    };
}
