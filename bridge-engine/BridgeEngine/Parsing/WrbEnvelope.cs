using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>
/// One <c>["wrb.fr", rpcId, "&lt;payload json&gt;", null, null, status, identifier]</c> envelope (protocol §2.4).
/// The payload is still a JSON string: it must be decoded a second time.
/// </summary>
public readonly record struct WrbEnvelope(string? RpcId, string? Payload, int? ErrorNumber, int? RejectCode, string? Identifier);
