using System.Security.Cryptography;
using System.Text;

namespace Gateway.Policies.ApiKeys;

public static class ApiKeyHash
{
    /// <summary>SHA-256 is enough for high-entropy random keys (no dictionary to attack).</summary>
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
