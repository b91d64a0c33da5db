using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Gateway.Policies.Resilience;

/// <summary>
/// The Polly v8 pipeline of the <c>GeminiWeb</c> client, one instance per upstream authority, outermost first
/// (conventions §6): retry → circuit breaker → attempt timeout (built in <see cref="GeminiWebPipelines"/>). There
/// is no total timeout here: the engine's total and idle budgets already end a turn with TIMEOUT, and the engine
/// reads every body after <c>ResponseHeadersRead</c>, so nothing in this pipeline can cut a long stream.
/// Handlers, outermost first: rejection (circuit open → gateway error), account circuit, the pipeline.
/// </summary>
public static class GeminiWebResilience
{
    public const string PipelineName = "gemini-web";

    /// <summary>The pipeline (and circuit) key: scheme, host and port of the request.</summary>
    public static string PipelineKey(HttpRequestMessage request) =>
        request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? string.Empty;

    public static IHttpClientBuilder AddGeminiWebResilience(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddOptionsWithValidateOnStart<GeminiWebResilienceOptions>()
            .BindConfiguration(GeminiWebResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Retry.MaxDelay >= o.Retry.BaseDelay, "Resilience:GeminiWeb:Retry:MaxDelay must not be below BaseDelay.")
            .Validate(o => o.CircuitBreaker.SamplingDuration >= o.AttemptTimeout || o.AttemptTimeout == TimeSpan.Zero || !o.CircuitBreaker.Enabled,
                "Resilience:GeminiWeb:CircuitBreaker:SamplingDuration must be at least AttemptTimeout.");
        client.Services.AddSingleton<UpstreamCircuitState>();
        client.Services.AddSingleton<ServerErrorWitnesses>();
        client.Services.AddSingleton<AccountCircuits>();
        client.Services.AddSingleton<GeminiWebPipelines>();
        client.Services.AddTransient<CircuitRejectionHandler>();

        // The engine reports block answers (§15.1) to the block policy's state, which decides what to pause.
        client.Services.AddSingleton<BridgeEngine.Contracts.IUpstreamBlockSink>(services => services.GetRequiredService<UpstreamBlock.UpstreamBlockState>());
        client.Services.AddTransient<AccountCircuitHandler>();

        // Outside the pipeline, so the open-circuit exception becomes the gateway's error.
        client.AddHttpMessageHandler<CircuitRejectionHandler>();
        client.AddHttpMessageHandler<AccountCircuitHandler>();
        client.AddHttpMessageHandler(services =>
        {
            var pipelines = services.GetRequiredService<GeminiWebPipelines>();
            return new ResilienceHandler(pipelines.For);
        });
        return client;
    }
}
