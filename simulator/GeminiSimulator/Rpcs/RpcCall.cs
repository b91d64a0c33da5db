using System.Text.Json.Nodes;

namespace GeminiSimulator.Rpcs;

/// <summary>One <c>["rpcid","payload",null,"identifier"]</c> entry of a batchexecute f.req (§6.1).</summary>
internal sealed record RpcCall(string RpcId, JsonNode? Payload, string Identifier);
