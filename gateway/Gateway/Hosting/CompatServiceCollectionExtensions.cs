using BridgeEngine.Features.Common;
using BridgeEngine.Features.Files;
using BridgeEngine.Features.Models;
using Gateway.Compat;
using Gateway.Compat.GeminiApi;
using Gateway.Compat.OpenAi;
using Gateway.Endpoints;
using Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

internal static class CompatServiceCollectionExtensions
{
    /// <summary>
    /// The OpenAI- and Gemini-API-compatible surfaces (issue 7): <c>/v1/chat/completions</c>, <c>/v1/models</c>,
    /// <c>/v1beta/models/...</c>. Routes live in config/reverse-proxy.json. Needs the bridge (AddGeminiBridge); reuses the
    /// account features' model list, uploader and file limits (registered here too if absent). Safe to call more
    /// than once (everything is TryAdd).
    /// </summary>
    public static IServiceCollection AddCompatApis(this IServiceCollection services)
    {
        services.TryAddSingleton<AccountRpcRunner>();
        services.TryAddSingleton<AccountModelsClient>();
        services.TryAddSingleton<FileUploader>();
        services.TryAddSingleton<CompatRequestBuilder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, OpenAiErrorShape>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorShape, GeminiErrorShape>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, OpenAiChatCompletionsOperation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, OpenAiModelsOperation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, GeminiGenerateOperation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, GeminiModelsOperation>());
        return services;
    }
}
