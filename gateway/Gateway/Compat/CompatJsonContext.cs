using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Compat.Anthropic;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;

namespace Gateway.Compat;

/// <summary>Source-generated JSON for the compatible surfaces' fixed-shape answers (model lists). Nulls are left out, as these APIs do.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiModel))]
[JsonSerializable(typeof(OpenAiModelList))]
[JsonSerializable(typeof(GeminiApiModel))]
[JsonSerializable(typeof(GeminiApiModelList))]
[JsonSerializable(typeof(AnthropicModel))]
[JsonSerializable(typeof(AnthropicModelList))]
internal sealed partial class CompatJsonContext : JsonSerializerContext;
