using GeminiSimulator.Accounts;
using GeminiSimulator.Wire;

namespace GeminiSimulator.Rpcs;

/// <summary>otAQ7b (§7), quota RPCs qpEbW / aPya6c (§14) and upload limits mhs1xe.</summary>
internal static class AccountRpcs
{
    private static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(5);

    /// <summary>§7: [14] status, [15] models (null on hard blocks), [16] tier flags, [17] capability flags.</summary>
    public static RpcResult UserStatus(RpcContext context, RpcCall call)
    {
        var account = context.Account;
        var status = account.EffectiveStatus;
        var body = Sparse.Nulls(18);
        body[14] = status;
        body[15] = AccountIdentity.IsHardBlock(status) ? null : account.AvailableModels().Select(Model).ToArray();
        body[16] = account.TierFlags.Cast<object?>().ToArray();
        body[17] = account.CapabilityFlags.Cast<object?>().ToArray();
        return RpcResult.Ok(body);
    }

    /// <summary>§14 [LEE] shape: [[[x, actionId], null, percent, [resetEpoch], total, remaining], …].</summary>
    public static RpcResult Quota(RpcContext context, RpcCall call)
    {
        var account = context.Account;
        var limit = account.UsageLimit;
        var used = account.SuccessfulGenerates;
        var reset = context.NowSeconds + (long)QuotaWindow.TotalSeconds;
        var ids = Nav.Arr(call.Payload, 0)?.Select(n => (object?)new object?[] { Nav.Long(n, 0) ?? 1, Nav.Long(n, 1) ?? 11 }).ToList()
                  ?? [new object?[] { 1L, 11L }];
        var items = ids.Select(id => (object?)new object?[]
        {
            id,
            null,
            limit is { } l && l > 0 ? Math.Min(100, used * 100 / l) : 0,
            new object?[] { reset },
            limit ?? 0,
            limit is { } l2 ? Math.Max(0, l2 - used) : 0,
        }).ToArray();
        return RpcResult.Ok(new object?[] { items });
    }

    /// <summary>§14: [isBlocked, usageFraction, [resetEpoch]].</summary>
    public static RpcResult Caps(RpcContext context, RpcCall call)
    {
        var account = context.Account;
        var fraction = account.UsageLimit is { } l && l > 0 ? Math.Min(1.0, account.SuccessfulGenerates / (double)l) : 0.0;
        return RpcResult.Ok(new object?[] { account.UsageExhausted, fraction, new object?[] { context.NowSeconds + (long)QuotaWindow.TotalSeconds } });
    }

    /// <summary>[LEE] mhs1xe: units unknown, values copied from its fixture.</summary>
    public static RpcResult UploadLimits(RpcContext context, RpcCall call) =>
        RpcResult.Ok(new object?[] { new object?[] { new object?[] { new object?[] { 500, 300, 500000 } } } });

    /// <summary>Model entry: [id, name, description, null×14, modelNumber] (number at [17], §9.3).</summary>
    private static object? Model(SimulatedModel model)
    {
        var entry = Sparse.Nulls(18);
        entry[0] = model.Id;
        entry[1] = model.DisplayName;
        entry[2] = model.Description;
        entry[17] = model.ModelNumber;
        return entry;
    }
}
