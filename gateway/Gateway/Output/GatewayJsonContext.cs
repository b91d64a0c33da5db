using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeEngine.Contracts;

namespace Gateway.Output;

/// <summary>Source-generated JSON for everything the gateway writes: camelCase, enums as strings, nulls kept explicit.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ChatResult))]
[JsonSerializable(typeof(ChatImage))]
[JsonSerializable(typeof(ChatMedia))]
[JsonSerializable(typeof(Citation))]
[JsonSerializable(typeof(ConversationRef))]
[JsonSerializable(typeof(SessionRotationData))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
