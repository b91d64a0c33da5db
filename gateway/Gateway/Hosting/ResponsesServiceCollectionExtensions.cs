using Gateway.Compat.Responses;
using Gateway.Endpoints;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

internal static class ResponsesServiceCollectionExtensions
{
    /// <summary>
    /// The OpenAI Responses surface (<c>/v1/responses</c>; routes in config/reverse-proxy.json): its operations, the id
    /// signing keys (<c>Compat:Responses</c>, validated at start) and the start-log warning when none is configured.
    /// Part of AddCompatApis; safe to call more than once.
    /// </summary>
    public static IServiceCollection AddResponsesApi(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ResponsesOptions>().BindConfiguration(ResponsesOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponsesOptions>, ResponsesOptionsValidator>());
        services.TryAddSingleton<ResponseIdCodec>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResponsesStartupLog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ResponsesOperation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBridgeOperation, ResponsesStorageOperation>());
        return services;
    }
}
