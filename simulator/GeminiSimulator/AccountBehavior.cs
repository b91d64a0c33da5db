using System.Collections.Concurrent;
using GeminiSimulator.Accounts;

namespace GeminiSimulator;

/// <summary>Behaviour and server-side state of one account (one <c>__Secure-1PSID</c> value).</summary>
public sealed class AccountBehavior
{
    private readonly ConcurrentQueue<GenerateFault> _generateFaults = new();
    private readonly ConcurrentQueue<int> _appPageStatuses = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<BatchFault>> _batchFaults = new(StringComparer.Ordinal);
    private int _successfulGenerates;
    private int _psidtsCounter;

    internal AccountBehavior(string psid)
    {
        PsidHash = AccountIdentity.Hash(psid);
        AccessToken = AccountIdentity.AccessToken(psid);
        SessionId = AccountIdentity.SessionId(psid);
    }

    /// <summary>§3 scenario.</summary>
    public AccountScenario Scenario { get; set; }

    /// <summary>When true every response to this account sets a fresh <c>__Secure-1PSIDTS</c>.</summary>
    public bool RotatePsidtsOnEveryCall { get; set; }

    /// <summary>Models listed by otAQ7b and accepted by StreamGenerate (§9.3).</summary>
    public IList<SimulatedModel> Models { get; } = new List<SimulatedModel>
    {
        new("fbb127bbb056c959", "Fast", "Answers quickly", 1, false),
        new("5bf011840784117a", "Thinking", "Solves complex problems", 1, true),
        new("9d8ca3786ebdfbea", "Pro", "Thinks longer for advanced math and code", 3, false),
    };

    /// <summary>Successful generates allowed before every later one gets error 1037 (§14); null = unlimited.</summary>
    public int? UsageLimit { get; set; }

    /// <summary>otAQ7b [14] (§7); hard blocks (1014, 1021, 1054, 1057, 1060) return no model list.</summary>
    public int AccountStatus { get; set; } = 1000;

    /// <summary>otAQ7b [16] tier flags (§9.3); empty = free tier.</summary>
    public IList<int> TierFlags { get; } = new List<int>();

    /// <summary>otAQ7b [17] capability flags (§9.3).</summary>
    public IList<int> CapabilityFlags { get; } = new List<int>();

    /// <summary>§4 / §16.8 "bound" mode: a Chromium DBSC session; RotateCookies answers 200 with only SIDCC-family cookies.</summary>
    public bool DeviceBoundCookies { get; set; }

    /// <summary>§4 / [ISS] #82: RotateCookies answers 429 (a rotation rate limit) while everything else works.</summary>
    public bool RotateRateLimited { get; set; }

    /// <summary>§9.1 / §15 row 17a: answer Pro or Thinking requests with Flash, without saying so ([ISS] #288).</summary>
    public bool SilentDowngrade { get; set; }

    /// <summary>§9.3: the model header capacity this account's flags call for (the simulator's copy of the rule).</summary>
    public int Capacity =>
        TierFlags.Contains(21) ? 1 : TierFlags.Contains(22) ? 2 : CapabilityFlags.Contains(115) ? 4
        : TierFlags.Contains(16) || CapabilityFlags.Contains(106) ? 3 : TierFlags.Contains(8) || CapabilityFlags.Contains(19) ? 2 : 1;

    /// <summary>The deterministic SNlM0e value of this account (§3).</summary>
    public string AccessToken { get; }

    /// <summary>First 16 hex digits of SHA-256 of the PSID; what <see cref="RecordedRequest.PsidHash"/> holds.</summary>
    public string PsidHash { get; }

    /// <summary>Number of completed generates so far (drives 1037 and the quota RPCs).</summary>
    public int SuccessfulGenerates => Volatile.Read(ref _successfulGenerates);

    internal string SessionId { get; }

    internal ConcurrentDictionary<string, UploadedFile> Uploads { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, CustomGem> CustomGems { get; } = new(StringComparer.Ordinal);

    /// <summary>Queues a fault consumed (FIFO) by the next StreamGenerate of this account.</summary>
    public void EnqueueGenerateFault(GenerateFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _generateFaults.Enqueue(fault);
    }

    /// <summary>Queues a fault consumed (FIFO) by the next batchexecute call of <paramref name="rpcId"/>.</summary>
    public void EnqueueBatchFault(string rpcId, BatchFault fault)
    {
        ArgumentNullException.ThrowIfNull(rpcId);
        ArgumentNullException.ThrowIfNull(fault);
        _batchFaults.GetOrAdd(rpcId, _ => new ConcurrentQueue<BatchFault>()).Enqueue(fault);
    }

    /// <summary>Queues an HTTP status (e.g. 503) answered by the next <c>GET /app</c> of this account, FIFO.</summary>
    public void EnqueueAppPageStatus(int status) => _appPageStatuses.Enqueue(status);

    internal int? TakeAppPageStatus() => _appPageStatuses.TryDequeue(out var status) ? status : null;

    internal GenerateFault? TakeGenerateFault() => _generateFaults.TryDequeue(out var fault) ? fault : null;

    internal BatchFault? TakeBatchFault(string rpcId) =>
        _batchFaults.TryGetValue(rpcId, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    internal void CountSuccessfulGenerate() => Interlocked.Increment(ref _successfulGenerates);

    internal bool UsageExhausted => UsageLimit is { } limit && SuccessfulGenerates >= limit;

    internal int NextPsidts() => Interlocked.Increment(ref _psidtsCounter);

    /// <summary>The models this account can use now: NoToken (1016) leaves only Flash; hard blocks none (§7).</summary>
    internal IReadOnlyList<SimulatedModel> AvailableModels()
    {
        var status = EffectiveStatus;
        if (AccountIdentity.IsHardBlock(status))
        {
            return [];
        }

        var models = Models.ToList();
        return status == 1016 ? models.Where(m => m.Id == AccountIdentity.FlashModelId).Take(1).ToList() : models;
    }

    /// <summary>otAQ7b [14]: NoToken forces 1016 (§3 contract).</summary>
    internal int EffectiveStatus => Scenario == AccountScenario.NoToken ? 1016 : AccountStatus;
}
