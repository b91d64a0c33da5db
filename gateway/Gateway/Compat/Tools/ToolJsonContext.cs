using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Compat.Tools;

/// <summary>Source-generated metadata for the few types the emulation serializes.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
