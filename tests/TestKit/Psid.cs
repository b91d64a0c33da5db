namespace TestKit;

/// <summary>Obviously fake, unique cookie values, so each test has its own simulated account.</summary>
public static class Psid
{
    public static string New(string label = "test") => $"g.a000FAKE-{label}-{Guid.NewGuid():N}";
}
