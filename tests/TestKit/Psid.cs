namespace TestKit;

/// <summary>Obviously fake, unique cookie values, so each test has its own simulated account.</summary>
public static class Psid
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> IssuedIds = new(StringComparer.Ordinal);

    /// <summary>The unique part (32 hex digits) of every value handed out in this run, for the suite-wide leak scan.</summary>
    public static ICollection<string> Issued => IssuedIds.Keys;

    public static string New(string label = "test")
    {
        var id = Guid.NewGuid().ToString("N");
        IssuedIds.TryAdd(id, 0);
        return $"g.a000FAKE-{label}-{id}";
    }
}
