using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Benchmarks.Load;

/// <summary>This benchmark executable started again in another mode (floor B), on a free loopback port.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<ChildProcess> StartFloorBAsync(Uri upstream)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var self = Environment.ProcessPath!;
        var arguments = self.EndsWith("dotnet", StringComparison.Ordinal)
            ? new[] { typeof(ChildProcess).Assembly.Location, FloorBServer.Mode, upstream.ToString(), url }
            : new[] { FloorBServer.Mode, upstream.ToString(), url };
        var process = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri(url + "/");
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var response = await probe.GetAsync(address);
                return new ChildProcess(process, address);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("floor B did not start");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
