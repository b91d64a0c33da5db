using System.Security.Cryptography;
using System.Text;

namespace BridgeEngine.Contracts;

/// <summary>
/// A keyed hash of a cookie (HMAC-SHA256 with a per-process random key): usable as a cache key, a limiter
/// partition or a log correlation id, and useless to anyone who reads it. The key never leaves the process,
/// so two replicas produce different fingerprints for the same cookie, by design.
/// </summary>
public sealed class CredentialFingerprint
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Of(string secret)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Eight hex characters: enough to correlate log lines of one account, far too few to reverse.</summary>
    public string ShortId(string secret) => Of(secret)[..8];
}
