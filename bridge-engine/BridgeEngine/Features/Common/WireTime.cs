using System.Text.Json;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Common;

/// <summary>Gemini's <c>[seconds, nanos]</c> timestamps (protocol §11.1, §11.2) and bare epoch seconds (§14).</summary>
internal static class WireTime
{
    public static DateTimeOffset? FromPair(JsonElement parent, ReadOnlySpan<int> path)
    {
        // A value of another type is "no time", never an exception (TryGetInt64 throws on a non-number).
        if (!JsonNav.TryGetArray(parent, path, out var pair) || !JsonNav.TryStep(pair, 0, out var seconds)
            || seconds.ValueKind != JsonValueKind.Number || !seconds.TryGetInt64(out var s))
        {
            return null;
        }

        var nanos = JsonNav.TryStep(pair, 1, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var value) && value is >= 0 and < 1_000_000_000 ? value : 0;
        return FromSeconds(s)?.AddTicks(nanos / 100);
    }

    public static DateTimeOffset? FromEpoch(JsonElement parent, ReadOnlySpan<int> path)
    {
        if (!JsonNav.TryPath(parent, path, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetInt64(out var seconds))
        {
            return FromSeconds(seconds);
        }

        return value.TryGetDouble(out var fractional) ? FromSeconds((long)fractional) : null;
    }

    private static DateTimeOffset? FromSeconds(long seconds) =>
        seconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
