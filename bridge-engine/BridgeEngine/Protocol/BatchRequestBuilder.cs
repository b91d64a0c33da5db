using System.Text.Json;

namespace BridgeEngine.Protocol;

/// <summary>The batchexecute <c>f.req</c> value (protocol §6.1): <c>[[[rpcId, "&lt;payload json&gt;", null, identifier], ...]]</c>.</summary>
internal static class BatchRequestBuilder
{
    public const string DefaultIdentifier = "generic";

    public static string Build(IReadOnlyList<BatchCall> calls)
    {
        var entries = new object?[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            entries[i] = new object?[] { calls[i].RpcId, calls[i].PayloadJson, null, calls[i].Identifier };
        }

        return JsonSerializer.Serialize(new object?[] { entries }, EngineJsonContext.Default.ObjectArray);
    }
}
