using System.Security.Cryptography;
using System.Text;

namespace Gateway.Policies.ApiKeys;

public static class ApiKeyHash
{
    /// <summary>SHA-256 is enough for high-entropy random keys (no dictionary to attack).</summary>
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The hash into <paramref name="destination"/> (32 bytes), without allocating for keys of usual length.</summary>
    public static void Of(string key, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> bytes = length <= 512 ? stackalloc byte[512] : new byte[length];
        var written = Encoding.UTF8.GetBytes(key, bytes);
        SHA256.HashData(bytes[..written], destination);
    }
}
