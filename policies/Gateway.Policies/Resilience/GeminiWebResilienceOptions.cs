using System.ComponentModel.DataAnnotations;

namespace Gateway.Policies.Resilience;

/// <summary>
/// Polly v8 pipeline of the <c>GeminiWeb</c> HTTP client (section <c>Resilience:GeminiWeb</c>). The engine's own
/// total and idle-between-frames timeouts (<c>GeminiWeb:Timeouts</c>) stay in charge of whole turns; this pipeline
/// only decides what one upstream request may do up to its response headers.
/// </summary>
public sealed class GeminiWebResilienceOptions
{
    public const string SectionName = "Resilience:GeminiWeb";

    public RetrySettings Retry { get; set; } = new();

    /// <summary>
    /// Per-attempt budget up to the response headers, for idempotent requests only (the page load and read-only
    /// RPCs): a hung attempt is abandoned so the retry can try again. StreamGenerate and every other write get no
    /// attempt timeout; the engine's total/idle budgets apply to them. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public CircuitBreakerSettings CircuitBreaker { get; set; } = new();

    public sealed class RetrySettings
    {
        /// <summary>
        /// Extra attempts for idempotent requests that failed with a transient error (connection failure, 5xx,
        /// 408, attempt timeout). Two: a blip in Google's front end clears within a second or two; more only
        /// delays the caller's error. 0 turns retries off.
        /// </summary>
        [Range(0, 10)]
        public int MaxRetryAttempts { get; set; } = 2;

        /// <summary>First backoff; doubled per attempt with jitter, so replicas do not retry in step.</summary>
        [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
    }

    public sealed class CircuitBreakerSettings
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Share of failed attempts (API_ERROR-class or blocks) within the window that opens the circuit.</summary>
        [Range(0.01, 1.0)]
        public double FailureRatio { get; set; } = 0.5;

        /// <summary>Attempts needed in the window before the ratio counts: one unlucky call never opens it.</summary>
        [Range(2, 10_000)]
        public int MinimumThroughput { get; set; } = 10;

        [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
        public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long calls to that upstream are answered at once without trying; then one probe call.</summary>
        [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
        public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// HTTP 5xx counts for the authority's circuit (every account) only once this many distinct accounts saw
        /// one inside the sampling window; below that, only the failing account's own circuit counts it.
        /// </summary>
        [Range(1, 1000)]
        public int AccountsForEgressFault { get; set; } = 2;
    }
}
