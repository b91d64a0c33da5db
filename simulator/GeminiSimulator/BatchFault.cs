namespace GeminiSimulator;

/// <summary>A one-shot misbehaviour of the next batchexecute call of one rpc id.</summary>
public sealed class BatchFault
{
    /// <summary>Answer the whole batchexecute request with this HTTP status.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Reject code at envelope[5] = [code] (7 = rejected/permission, §2.4).</summary>
    public int? RejectCode { get; init; }

    /// <summary>BardErrorInfo number at envelope[5][2][0][1][0].</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Delay before answering.</summary>
    public TimeSpan Delay { get; init; }
}
