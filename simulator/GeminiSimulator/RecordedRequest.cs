namespace GeminiSimulator;

/// <summary>One request seen by the simulator. The PSID is kept only as a hash.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? RpcIds, int Status, bool HadCookie, string? PsidHash, IReadOnlyList<string> HeaderNames)
{
    /// <summary>Header values by name (Cookie is redacted).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of the cookies sent (values never kept), in order: shows the per-request jar (§2.1).</summary>
    public IReadOnlyList<string> CookieNames { get; init; } = [];

    /// <summary>Form fields of a form POST once read (StreamGenerate, batchexecute): <c>at</c>, <c>f.req</c> (fake values only).</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();

    /// <summary>A §8.1 multipart upload's framing, once its body was read; null for every other request.</summary>
    public RecordedUpload? Upload { get; init; }

    /// <summary>Time the response started (or the request ended), from the simulator's TimeProvider.</summary>
    public DateTimeOffset At { get; init; }
}
