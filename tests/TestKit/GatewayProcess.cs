using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TestKit;

/// <summary>
/// The gateway as a separate OS process (its own CPU and memory, as in production), pointed at the
/// in-process simulator through environment overrides.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TaskCompletionSource<string>, Func<string, bool>> _waiters = new();

    private GatewayProcess(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        _process = process;
        Address = address;
        Output = output;
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote (its logs), for leak scans and diagnostics.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Sends SIGTERM, as Kubernetes does before it kills a pod.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Completes with the first output line (already written or still to come) that matches.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> match)
    {
        var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[waiter] = match;
        if (Output.FirstOrDefault(match) is { } line)
        {
            waiter.TrySetResult(line);
            _waiters.TryRemove(waiter, out _);
        }

        return waiter.Task;
    }

    private void Observe(string line)
    {
        foreach (var (waiter, match) in _waiters)
        {
            if (match(line) && waiter.TrySetResult(line))
            {
                _waiters.TryRemove(waiter, out _);
            }
        }
    }

    /// <summary>Ends the process at once, like a crashed or evicted replica.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The gateway built beside the caller (tests reference it, so its dll and config/ are in the output).</summary>
    public static string BesideCaller => Path.Combine(AppContext.BaseDirectory, "Gateway.dll");

    /// <summary>The Release build in the source tree (the benchmark measures what ships).</summary>
    public static string ReleaseBuild => Path.Combine(RepoRoot.Path, "gateway", "Gateway", "bin", "Release", "net10.0", "Gateway.dll");

    public static async Task<GatewayProcess> StartAsync(Uri upstream, IDictionary<string, string>? settings = null, string? dll = null)
    {
        dll ??= BesideCaller;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the gateway first", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        var env = start.Environment;
        env["ReverseProxy__Clusters__gemini-web__Destinations__primary__Address"] = upstream.ToString();
        env["GeminiWeb__AccountsBaseUrl"] = upstream.ToString();
        env["GeminiWeb__UploadBaseUrl"] = upstream.ToString();
        env["Logging__LogLevel__Default"] = "Warning";
        env["Auth__Enabled"] = "false";
        env["BruteForce__Enabled"] = "false";
        env["UpstreamBlock__CoolDown"] = "00:00:00";
        env["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        SuiteLogs.Register("gateway process", () => output.ToArray());
        GatewayProcess? started = null;
        void Received(string? data)
        {
            output.Enqueue(data ?? string.Empty);
            started?.Observe(data ?? string.Empty);
        }

        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var response = await probe.GetAsync("api/ready-probe");
                started = new GatewayProcess(process, address, output);
                return started;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("the gateway did not start listening");
    }

    /// <summary>Resident set size of the gateway process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }

        return 0;
    }

    /// <summary>Peak resident set size (VmHWM) since the start or the last <see cref="ResetPeakResident"/>.</summary>
    public long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Resets the peak to the current resident size (Linux: writing 5 to clear_refs).</summary>
    public void ResetPeakResident() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
