using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using BridgeEngine.Features.Models;
using Gateway.Compat;
using Gateway.Compat.Anthropic;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Compat.Tools;
using Gateway.Endpoints;
using Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

internal static class CompatServiceCollectionExtensions
{
    /// <summary>
    /// The OpenAI-, Gemini-API- and Anthropic-compatible surfaces <c>/v1/chat/completions</c>, <c>/v1/messages</c>, <c>/v1/models</c> (each client's shape),
    /// the Gemini API on <c>/v1/models/...</c> and <c>/v1beta/models/...</c>. Routes live in config/reverse-proxy.json. Needs the bridge (AddGeminiBridge); reuses the
    /// account features' model list, uploader and file limits (registered here too if absent). Safe to call more
    /// than once (everything is TryAdd).
    /// </summary>
    public static IServiceCollection AddCompatApis(this IServiceCollection services)
    {
        services.TryAddSingleton<AccountRpcRunner>();
        services.TryAddSingleton<AccountModelsClient>();
        services.TryAddSingleton<FileUploader>();
        services.TryAddSingleton<CompatRequestBuilder>();
        services.AddOptionsWithValidateOnStart<ToolsOptions>().BindConfiguration(ToolsOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, OpenAiErrorShape>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, GeminiErrorShape>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, ByClientErrorShape>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, AnthropicErrorShape>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, OpenAiChatCompletionsOperation>());
        services.TryAddSingleton<OpenAiModelsOperation>();
        services.TryAddSingleton<GeminiModelsOperation>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, OpenAiModelsOperation>(sp => sp.GetRequiredService<OpenAiModelsOperation>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, GeminiModelsOperation>(sp => sp.GetRequiredService<GeminiModelsOperation>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ModelsByClientOperation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, GeminiGenerateOperation>());
        services.AddResponsesApi();
        services.TryAddSingleton<AnthropicModelsOperation>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, AnthropicModelsOperation>(sp => sp.GetRequiredService<AnthropicModelsOperation>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, AnthropicMessagesOperation>());
        return services;
    }
}
