using Microsoft.Extensions.Logging;

namespace GeminiSimulator;

/// <summary>Start-up options of a <see cref="SimulatorServer"/>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Loopback listen URL; port 0 picks a free port (read back from <see cref="SimulatorServer.BaseAddress"/>).</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Clock for delays, turn timestamps and quota reset times.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Text snapshots per answer (§5.4); thinking answers add two thought snapshots before them.</summary>
    public int DefaultFrameCount { get; set; } = 4;

    /// <summary>Delay between snapshot frames unless a fault or directive says otherwise.</summary>
    public TimeSpan DefaultInterFrameDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How many recent requests <see cref="SimulatorState.Requests"/> keeps: a long-running simulator (the gateway's --simulator mode, load runs) must not grow without end.</summary>
    public int MaxRecordedRequests { get; set; } = 50_000;

    /// <summary>§2.4: emit candidates / media blocks as <c>{"n":…}</c> objects and the context as inner[2]["26"].</summary>
    public bool SparseObjectForm { get; set; }

    /// <summary>Logging set-up; by default no provider is registered.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
