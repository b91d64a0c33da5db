using BridgeEngine.Features.Common;

namespace BridgeEngine.Protocol;

/// <summary>The batchexecute <c>f.req</c> value (protocol §6.1): <c>[[[rpcId, "&lt;payload json&gt;", null, identifier], ...]]</c>.</summary>
internal static class BatchRequestBuilder
{
    public const string DefaultIdentifier = "generic";

    /// <remarks>Escapes only what JSON needs, as [GWA] does (<see cref="Json"/>): the payload's quotes become <c>\"</c>, not <c>\u0022</c>.</remarks>
    public static string Build(IReadOnlyList<BatchCall> calls) => Json.Write(calls, static (json, calls) =>
    {
        json.WriteStartArray();
        json.WriteStartArray();
        foreach (var call in calls)
        {
            json.WriteStartArray();
            json.WriteStringValue(call.RpcId);
            json.WriteStringValue(call.PayloadJson);
            json.WriteNullValue();
            json.WriteStringValue(call.Identifier);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndArray();
    });
}
