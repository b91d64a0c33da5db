namespace GeminiSimulator.Rpcs;

/// <summary>What one RPC answers: a body (decoded [2]), or a reject code at [5][0], or a BardErrorInfo number.</summary>
internal sealed record RpcResult(object? Body, int? RejectCode = null, int? ErrorCode = null)
{
    public static RpcResult Ok(object? body) => new(body);

    /// <summary>§2.4: 7 = rejected/permission.</summary>
    public static RpcResult Reject(int code = 7) => new(null, code);
}
