using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.Resilience;

/// <summary>
/// A small circuit per Gemini account (keyed by the engine's keyed hash of the cookie): repeated HTTP 5xx/408 for
/// one account stop that account's calls for the break duration, and nobody else's. Same settings as the
/// authority circuit (Resilience:GeminiWeb:CircuitBreaker); a fixed window per account, bounded in size.
/// </summary>
public sealed class AccountCircuits
{
    private const int MaxAccounts = 10_000;
    private readonly ConcurrentDictionary<string, Window> _accounts = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<GeminiWebResilienceOptions> _options;
    private readonly TimeProvider _time;

    public AccountCircuits(IOptionsMonitor<GeminiWebResilienceOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>The rest of this account's break, or null when its calls may go upstream.</summary>
    public TimeSpan? OpenFor(string account)
    {
        if (!_accounts.TryGetValue(account, out var window))
        {
            return null;
        }

        lock (window)
        {
            var left = window.OpenUntil - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    public void Record(string account, bool failed)
    {
        var settings = _options.CurrentValue.CircuitBreaker;
        if (!settings.Enabled || (!failed && !_accounts.ContainsKey(account)))
        {
            return;
        }

        if (_accounts.Count >= MaxAccounts)
        {
            _accounts.Clear();
        }

        var window = _accounts.GetOrAdd(account, _ => new Window());
        var now = _time.GetUtcNow();
        lock (window)
        {
            if (now - window.Started > settings.SamplingDuration)
            {
                window.Started = now;
                window.Attempts = 0;
                window.Failures = 0;
            }

            window.Attempts++;
            window.Failures += failed ? 1 : 0;
            if (failed && window.Attempts >= settings.MinimumThroughput && window.Failures >= settings.FailureRatio * window.Attempts)
            {
                window.OpenUntil = now + settings.BreakDuration;
                window.Started = now;
                window.Attempts = 0;
                window.Failures = 0;
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Started { get; set; }

        public int Attempts { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset OpenUntil { get; set; }
    }
}
