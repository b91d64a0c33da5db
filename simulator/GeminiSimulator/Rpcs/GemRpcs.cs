using GeminiSimulator.Accounts;
using GeminiSimulator.Wire;

namespace GeminiSimulator.Rpcs;

/// <summary>§10 gems: CNgdBe list, oMH3Zd create, kHv0Vd update, UXcSJb delete.</summary>
internal static class GemRpcs
{
    /// <summary>Payload [kind, [lang], 0]: 3/4 system, 2 custom. Reply [null, null, [[id,[name,desc],[prompt]|null]…]].</summary>
    public static RpcResult List(RpcContext context, RpcCall call)
    {
        var kind = Nav.Long(call.Payload, 0) ?? 3;
        var gems = kind == 2
            ? context.Account.CustomGems.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList()
            : SystemGems.All;
        var items = gems.Select(g => (object?)new object?[]
        {
            g.Id,
            new object?[] { g.Name, g.Description },
            g.Prompt is null ? null : new object?[] { g.Prompt },
        }).ToArray();
        return RpcResult.Ok(new object?[] { null, null, items });
    }

    /// <summary>Payload [[name, description, prompt, …]]; reply [gemId].</summary>
    public static RpcResult Create(RpcContext context, RpcCall call)
    {
        var record = Nav.At(call.Payload, 0);
        var name = Nav.Str(record, 0);
        if (string.IsNullOrEmpty(name))
        {
            return RpcResult.Reject(3);
        }

        var id = SimulatorState.Hex(12);
        context.Account.CustomGems[id] = new CustomGem(id, name, Nav.Str(record, 1) ?? string.Empty, Nav.Str(record, 2) ?? string.Empty);
        return RpcResult.Ok(new object?[] { id });
    }

    /// <summary>Payload [gemId, [name, description, prompt, …]]; system or unknown gems → reject 7.</summary>
    public static RpcResult Update(RpcContext context, RpcCall call)
    {
        var id = Nav.Str(call.Payload, 0) ?? string.Empty;
        if (SystemGems.Find(id) is not null || !context.Account.CustomGems.TryGetValue(id, out var existing))
        {
            return RpcResult.Reject();
        }

        var record = Nav.At(call.Payload, 1);
        context.Account.CustomGems[id] = existing with
        {
            Name = Nav.Str(record, 0) ?? existing.Name,
            Description = Nav.Str(record, 1) ?? existing.Description,
            Prompt = Nav.Str(record, 2) ?? existing.Prompt,
        };
        return RpcResult.Ok(Array.Empty<object?>());
    }

    /// <summary>Payload [gemId]; system or unknown gems → reject 7.</summary>
    public static RpcResult Delete(RpcContext context, RpcCall call)
    {
        var id = Nav.Str(call.Payload, 0) ?? string.Empty;
        if (SystemGems.Find(id) is not null || !context.Account.CustomGems.TryRemove(id, out _))
        {
            return RpcResult.Reject();
        }

        return RpcResult.Ok(Array.Empty<object?>());
    }
}
