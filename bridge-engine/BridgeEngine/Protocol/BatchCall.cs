namespace BridgeEngine.Protocol;

/// <summary>One RPC inside a batchexecute request; the payload is JSON text, sent as a string.</summary>
public sealed record BatchCall(string RpcId, string PayloadJson, string Identifier = BatchRequestBuilder.DefaultIdentifier);
