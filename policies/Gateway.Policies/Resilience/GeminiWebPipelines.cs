using System.Collections.Concurrent;
using BridgeEngine.Contracts;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Policies.Resilience;

/// <summary>
/// The Polly pipelines of the GeminiWeb client, exactly one per upstream authority and options generation.
/// Built here rather than through the resilience handler's keyed registry: that registry may run its build
/// callback twice for one key when first requests race, keep one pipeline and dispose the other, and the
/// circuit tracked for readiness and metrics could be the disposed one (issue 17: /readyz 503 for good with
/// "Cannot access a disposed object", the circuit gauge gone). A <see cref="Lazy{T}"/> per key builds once.
/// </summary>
public sealed class GeminiWebPipelines : IDisposable
{
    private readonly UpstreamCircuitState _circuits;
    private readonly ServerErrorWitnesses _witnesses;
    private readonly TimeProvider _time;
    private readonly IDisposable? _reload;
    private Generation _current;

    public GeminiWebPipelines(IOptionsMonitor<GeminiWebResilienceOptions> options, UpstreamCircuitState circuits, ServerErrorWitnesses witnesses, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _circuits = circuits;
        _witnesses = witnesses;
        _time = time;
        _current = new Generation(options.CurrentValue);

        // A changed Resilience:GeminiWeb section starts a new generation: new pipelines (and fresh circuits) are
        // built on next use. Old pipelines are never disposed, so a request still inside one finishes normally.
        _reload = options.OnChange(o => Interlocked.Exchange(ref _current, new Generation(o)));
    }

    /// <summary>The one pipeline for this request's authority.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(HttpRequestMessage request)
    {
        var generation = Volatile.Read(ref _current);
        var key = GeminiWebResilience.PipelineKey(request);
        return generation.Pipelines
            .GetOrAdd(key, k => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => Build(k, generation.Options), LazyThreadSafetyMode.ExecutionAndPublication))
            .Value;
    }

    public void Dispose() => _reload?.Dispose();

    private ResiliencePipeline<HttpResponseMessage> Build(string authority, GeminiWebResilienceOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time, InstanceName = authority };
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
                    && UpstreamFailureClassifier.Classify(args.Outcome) is UpstreamFailureKind.Transient or UpstreamFailureKind.ServerError),
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var state = new CircuitBreakerStateProvider();
            _circuits.Track(authority, state);
            pipeline.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(IsEgressWide(args.Outcome, args.Context.GetRequestMessage(), options)),
                OnOpened = args =>
                {
                    var reason = UpstreamFailureClassifier.Classify(args.Outcome);
                    _circuits.Opened(authority, reason == UpstreamFailureKind.Blocked ? UpstreamFailureKind.Blocked : UpstreamFailureKind.Transient, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _circuits.Closed(authority);
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

        return pipeline.Build();
    }

    /// <summary>
    /// What the authority's circuit counts: faults of the egress (unreachable, attempt timeout, block answers),
    /// and HTTP 5xx only once several accounts saw them inside the sampling window. One account's 5xx burst is
    /// that account's (its own circuit, <see cref="AccountCircuits"/>), never every tenant's.
    /// </summary>
    private bool IsEgressWide(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, GeminiWebResilienceOptions options) =>
        UpstreamFailureClassifier.Classify(outcome) switch
        {
            UpstreamFailureKind.Transient or UpstreamFailureKind.Blocked => true,
            UpstreamFailureKind.ServerError => _witnesses.Witness(UpstreamRequestOptions.AccountOf(request), options.CircuitBreaker.SamplingDuration)
                >= options.CircuitBreaker.AccountsForEgressFault,
            _ => false,
        };

    private sealed class Generation(GeminiWebResilienceOptions options)
    {
        public GeminiWebResilienceOptions Options { get; } = options;

        public ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> Pipelines { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
