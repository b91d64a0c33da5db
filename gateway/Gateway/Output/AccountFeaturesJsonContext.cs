using System.Text.Json;
using System.Text.Json.Serialization;
using BridgeEngine.Features.Gems;
using BridgeEngine.Features.History;
using BridgeEngine.Features.Models;
using BridgeEngine.Features.Quota;
using BridgeEngine.Features.Research;

namespace Gateway.Output;

/// <summary>Source-generated JSON for the account features' answers (models, history, gems, quota, research).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AccountModelList))]
[JsonSerializable(typeof(ConversationPage))]
[JsonSerializable(typeof(ConversationDetail))]
[JsonSerializable(typeof(ConversationDeletion))]
[JsonSerializable(typeof(GemList))]
[JsonSerializable(typeof(Gem))]
[JsonSerializable(typeof(GemDeletion))]
[JsonSerializable(typeof(AccountQuota))]
[JsonSerializable(typeof(ResearchStart))]
[JsonSerializable(typeof(ResearchStatus))]
[JsonSerializable(typeof(ResearchReport))]
internal sealed partial class AccountFeaturesJsonContext : JsonSerializerContext;
