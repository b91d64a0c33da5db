namespace GeminiSimulator;

/// <summary>One request seen by the simulator. The PSID is kept only as a hash.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? RpcIds, int Status, bool HadCookie, string? PsidHash, IReadOnlyList<string> HeaderNames)
{
    /// <summary>Header values by name (Cookie is redacted).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Time the response started (or the request ended), from the simulator's TimeProvider.</summary>
    public DateTimeOffset At { get; init; }
}
