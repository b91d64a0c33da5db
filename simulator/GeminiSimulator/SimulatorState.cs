using System.Collections.Concurrent;
using System.Security.Cryptography;
using GeminiSimulator.Conversations;

namespace GeminiSimulator;

/// <summary>Everything the simulator knows: accounts, conversations, recorded requests.</summary>
public sealed class SimulatorState
{
    private readonly ConcurrentDictionary<string, AccountBehavior> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _openGenerateStreams;

    internal SimulatorState(SimulatorOptions options)
    {
        Options = options;
    }

    /// <summary>StreamGenerate requests currently being served.</summary>
    public int OpenGenerateStreams => Volatile.Read(ref _openGenerateStreams);

    /// <summary>Snapshot of the requests seen so far (the most recent <see cref="SimulatorOptions.MaxRecordedRequests"/>), oldest first.</summary>
    public IReadOnlyCollection<RecordedRequest> Requests => _requests.ToArray();

    internal SimulatorOptions Options { get; }

    internal TimeProvider Time => Options.TimeProvider;

    internal ConversationStore Conversations { get; } = new();

    internal ConcurrentDictionary<string, Accounts.UploadSession> UploadSessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or creates the behaviour of the account identified by a <c>__Secure-1PSID</c> value.</summary>
    public AccountBehavior Account(string psid)
    {
        ArgumentNullException.ThrowIfNull(psid);
        return _accounts.GetOrAdd(psid, p => new AccountBehavior(p));
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    internal void Record(RecordedRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > Options.MaxRecordedRequests && _requests.TryDequeue(out _))
        {
        }
    }

    internal void StreamOpened() => Interlocked.Increment(ref _openGenerateStreams);

    internal void StreamClosed()
    {
        if (Interlocked.Decrement(ref _openGenerateStreams) == 0)
        {
            lock (_idleWaiters)
            {
                foreach (var waiter in _idleWaiters)
                {
                    waiter.TrySetResult();
                }

                _idleWaiters.Clear();
            }
        }
    }

    private readonly List<TaskCompletionSource> _idleWaiters = [];

    /// <summary>Completes when no StreamGenerate handler is running (at once if none is): a signal for tests, not a poll.</summary>
    public Task WhenNoOpenGenerateStreamsAsync(TimeSpan timeout)
    {
        TaskCompletionSource waiter;
        lock (_idleWaiters)
        {
            if (OpenGenerateStreams == 0)
            {
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(waiter);
        }

        return waiter.Task.WaitAsync(timeout);
    }

    /// <summary>Random lowercase hex (ids must be unique across chats, so not derived from the prompt).</summary>
    internal static string Hex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];
}
