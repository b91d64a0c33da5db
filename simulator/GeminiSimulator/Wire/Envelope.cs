namespace GeminiSimulator.Wire;

/// <summary>Builds the §2.4 envelope arrays.</summary>
internal static class Envelope
{
    public const string BardErrorInfoType = "type.googleapis.com/assistant.boq.bard.application.BardErrorInfo";

    /// <summary>StreamGenerate payload envelope: only 3 long, rpcid null (§2.4, fixtures).</summary>
    public static object?[] Stream(object? inner) => ["wrb.fr", null, JsonText.Serialize(inner)];

    /// <summary>batchexecute reply envelope; [5] is null on success (§2.4 "Unsure" choice).</summary>
    public static object?[] Rpc(string rpcId, object? body, object? status, string identifier) =>
        ["wrb.fr", rpcId, body is null ? null : JsonText.Serialize(body), null, null, status, identifier];

    /// <summary>§5.4.1: a payload-less "queueing" envelope ([ISS] #219 shows [5]=[2] and [5]=[4]).</summary>
    public static object?[] Queued(int code = 2) => ["wrb.fr", null, null, null, null, new object?[] { code }];

    /// <summary>§15: error number at envelope[5][2][0][1][0]; outer status per the §15 simulator choice.</summary>
    public static object?[] Error(string? rpcId, int errorCode, string? identifier = null)
    {
        object?[] status = [OuterStatus(errorCode), null, new object?[] { new object?[] { BardErrorInfoType, new object?[] { errorCode } } }];
        return identifier is null
            ? ["wrb.fr", rpcId, null, null, null, status]
            : ["wrb.fr", rpcId, null, null, null, status, identifier];
    }

    /// <summary>§15 Unsure: 8 for 1037, 3 for 1050/1052, 7 for 1060, 13 otherwise.</summary>
    public static int OuterStatus(int errorCode) => errorCode switch
    {
        1037 => 8,
        1050 or 1052 => 3,
        1060 => 7,
        _ => 13,
    };
}
