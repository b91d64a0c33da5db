using System.Security.Cryptography;

namespace BridgeEngine.Client;

/// <summary>Protocol §2.3: <c>_reqid</c> starts at a random 5-digit number and grows by 100000 per request.</summary>
public sealed class RequestIdSequence
{
    private long _next = RandomNumberGenerator.GetInt32(10_000, 100_000);

    public long Next() => Interlocked.Add(ref _next, 100_000);
}
