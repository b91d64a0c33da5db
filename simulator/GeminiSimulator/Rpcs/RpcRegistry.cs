namespace GeminiSimulator.Rpcs;

/// <summary>§6.3 rpc id → handler.</summary>
internal static class RpcRegistry
{
    private static readonly Dictionary<string, Func<RpcContext, RpcCall, RpcResult>> Handlers = new(StringComparer.Ordinal)
    {
        ["otAQ7b"] = AccountRpcs.UserStatus,
        ["ESY5D"] = MiscRpcs.One,
        ["MaZiqc"] = ChatRpcs.List,
        ["hNvQHb"] = ChatRpcs.Read,
        ["GzXR5e"] = ChatRpcs.Delete,
        ["qWymEb"] = ChatRpcs.Delete,
        ["CNgdBe"] = GemRpcs.List,
        ["oMH3Zd"] = GemRpcs.Create,
        ["kHv0Vd"] = GemRpcs.Update,
        ["UXcSJb"] = GemRpcs.Delete,
        ["qpEbW"] = AccountRpcs.Quota,
        ["aPya6c"] = AccountRpcs.Caps,
        ["ku4Jyf"] = MiscRpcs.One,
        ["L5adhe"] = MiscRpcs.One,
        ["PCck7e"] = MiscRpcs.One,
        ["kwDCne"] = ResearchRpcs.Status,
        ["c8o8Fe"] = MiscRpcs.FullSizeImage,
        ["mhs1xe"] = AccountRpcs.UploadLimits,
        ["jGArJ"] = ResearchRpcs.Reports,
    };

    /// <summary>
    /// §16.4 choice: an unknown rpc id gets an envelope with [5]=[7] (the documented "rejected" code) rather
    /// than HTTP 400, so one unknown id in a batch does not fail its siblings.
    /// </summary>
    public static RpcResult Invoke(RpcContext context, RpcCall call) =>
        Handlers.TryGetValue(call.RpcId, out var handler) ? handler(context, call) : RpcResult.Reject();
}
