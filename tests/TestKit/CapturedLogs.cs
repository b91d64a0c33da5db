using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TestKit;

/// <summary>Every log line a host wrote (message, exception text, scopes), for secret-leak scans and assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public CapturedLogs()
    {
        SuiteLogs.Register("in-process gateway", () => _lines.ToArray());
    }

    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    /// <summary>Completes with the first line (already written or still to come) that matches: a signal, not a poll.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((match, seen));
        }

        if (_lines.FirstOrDefault(match) is { } existing)
        {
            seen.TrySetResult(existing);
        }

        return seen.Task.WaitAsync(timeout);
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        lock (_waiters)
        {
            _waiters.RemoveAll(w => w.Seen.Task.IsCompleted || (w.Match(line) && w.Seen.TrySetResult(line)));
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Add($"[scope] {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            owner.Add($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
