using System.Collections.Concurrent;

namespace Gateway.Policies.Resilience;

/// <summary>
/// Which accounts saw an HTTP 5xx from Gemini recently. One account's errors say something about that account
/// (or its conversation); the same error for several accounts inside the window is the upstream's (protocol
/// §15.1 reasons the same way about blocks).
/// </summary>
public sealed class ServerErrorWitnesses
{
    private const int MaxAccounts = 10_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ServerErrorWitnesses(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Records a 5xx for this account and returns how many distinct accounts saw one inside the window.</summary>
    public int Witness(string? account, TimeSpan window)
    {
        var now = _time.GetUtcNow();
        if (_lastSeen.Count >= MaxAccounts)
        {
            _lastSeen.Clear();
        }

        _lastSeen[account ?? "(anonymous)"] = now;
        var distinct = 0;
        foreach (var (key, seen) in _lastSeen)
        {
            if (now - seen <= window)
            {
                distinct++;
            }
            else
            {
                _lastSeen.TryRemove(KeyValuePair.Create(key, seen));
            }
        }

        return distinct;
    }
}
