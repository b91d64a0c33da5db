using System.Text.Json.Serialization;

namespace BridgeEngine;

/// <summary>Source-generated serialization for the few shapes the engine writes (no reflection at run time).</summary>
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
