using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>
/// One <c>["wrb.fr", rpcId, "&lt;payload json&gt;", null, null, status, identifier]</c> envelope (protocol §2.4).
/// The payload is still a JSON string: it must be decoded a second time. <see cref="Payload"/> holds it as a
/// string when the reader was asked to materialize it; <see cref="PayloadElement"/> is the string element itself,
/// valid while its frame's document is, for the hot path that decodes it without an intermediate string.
/// </summary>
internal readonly record struct WrbEnvelope(string? RpcId, string? Payload, int? ErrorNumber, int? RejectCode, string? Identifier)
{
    public JsonElement PayloadElement { get; init; }

    public bool HasPayload => Payload is not null || PayloadElement.ValueKind == JsonValueKind.String;
}
