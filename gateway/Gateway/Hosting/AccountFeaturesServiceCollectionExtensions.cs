using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using BridgeEngine.Features.Gems;
using BridgeEngine.Features.History;
using BridgeEngine.Features.Models;
using BridgeEngine.Features.Quota;
using BridgeEngine.Features.Research;
using Gateway.Endpoints;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

internal static class AccountFeaturesServiceCollectionExtensions
{
    /// <summary>
    /// Account features (issue 5): models, quota, history, gems, deep research and file input for chat. Routes live in
    /// config/reverse-proxy.json. Safe to call more than once (everything is TryAdd).
    /// </summary>
    public static IServiceCollection AddAccountFeatures(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<FileInputOptions>().BindConfiguration(FileInputOptions.SectionName).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<DeepResearchOptions>().BindConfiguration(DeepResearchOptions.SectionName).ValidateDataAnnotations();

        services.TryAddSingleton<AccountRpcRunner>();
        services.TryAddSingleton<AccountModelsClient>();
        services.TryAddSingleton<AccountQuotaClient>();
        services.TryAddSingleton<ConversationHistoryClient>();
        services.TryAddSingleton<GemsClient>();
        services.TryAddSingleton<DeepResearchClient>();
        services.TryAddSingleton<FileUploader>();
        services.TryAddSingleton<ChatFileInputReader>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ModelsEndpoint>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, QuotaEndpoint>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ConversationsEndpoints>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, GemsEndpoints>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ResearchEndpoints>());
        return services;
    }
}
