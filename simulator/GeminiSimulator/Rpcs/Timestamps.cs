namespace GeminiSimulator.Rpcs;

/// <summary>§11: times travel as <c>[seconds, nanos]</c>.</summary>
internal static class Timestamps
{
    public static object?[] Of(DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds();
        var nanos = (at - DateTimeOffset.FromUnixTimeSeconds(seconds)).Ticks * 100;
        return [seconds, nanos];
    }
}
