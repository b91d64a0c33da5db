using BridgeEngine.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Policies.Resilience;

/// <summary>
/// The Polly v8 pipeline of the <c>GeminiWeb</c> client, one instance per upstream authority, outermost first
/// (conventions §6): retry → circuit breaker → attempt timeout. There is no total timeout here: the engine's
/// total and idle budgets already end a turn with TIMEOUT, and the engine reads every body after
/// <c>ResponseHeadersRead</c>, so nothing in this pipeline can cut a long stream.
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
        client.Services.AddTransient<CircuitRejectionHandler>();

        // Outside the pipeline, so the open-circuit exception becomes the gateway's error.
        client.AddHttpMessageHandler<CircuitRejectionHandler>();
        client.AddResilienceHandler(PipelineName, Configure)
            .SelectPipelineBy(_ => PipelineKey);
        return client;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        // Rebuilt (with a fresh circuit) when Resilience:GeminiWeb changes.
        context.EnableReloads<GeminiWebResilienceOptions>();
        var options = context.GetOptions<GeminiWebResilienceOptions>();
        var circuits = context.ServiceProvider.GetRequiredService<UpstreamCircuitState>();
        var authority = context.InstanceName;

        if (options.Retry.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // Only requests the engine marked idempotent (GET /app, read-only batchexecute), only transient
                // failures. The whole exchange happens before the gateway writes a byte to its client.
                ShouldHandle = args => ValueTask.FromResult(
                    UpstreamRequestOptions.IsIdempotent(args.Context.GetRequestMessage())
                    && UpstreamFailureClassifier.Classify(args.Outcome) == UpstreamFailureKind.Transient),
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var state = new CircuitBreakerStateProvider();
            circuits.Track(authority, state);
            pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(UpstreamFailureClassifier.Classify(args.Outcome) != UpstreamFailureKind.None),
                OnOpened = args =>
                {
                    var reason = UpstreamFailureClassifier.Classify(args.Outcome);
                    circuits.Opened(authority, reason == UpstreamFailureKind.None ? UpstreamFailureKind.Transient : reason, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    circuits.Closed(authority);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.AttemptTimeout > TimeSpan.Zero)
        {
            var attempt = options.AttemptTimeout;
            pipeline.AddTimeout(new TimeoutStrategyOptions
            {
                // Zero = no timeout for this request (Polly's rule): writes such as StreamGenerate are never cut.
                TimeoutGenerator = args => ValueTask.FromResult(
                    UpstreamRequestOptions.IsIdempotent(args.Context.GetRequestMessage()) ? attempt : TimeSpan.Zero),
            });
        }
    }
}
