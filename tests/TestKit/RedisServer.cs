using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TestKit;

/// <summary>
/// A real redis-server (Debian's package) on a loopback port, started and killed by the test. It keeps no
/// data on disk. <see cref="KillAsync"/> and <see cref="RestartAsync"/> let a test take Redis away mid-run.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        _process = Process.Start(new ProcessStartInfo(executable, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await PingAsync())
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException("redis-server did not answer PING");
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: the server keeps its connections open and answers nothing, as a hung Redis does.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: the server answers again (queued commands first).</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>
    /// Commands clients sent (MONITOR) while <paramref name="run"/> ran, without the ones scripts ran inside
    /// Redis ("[0 lua]") and without this helper's own marker.
    /// </summary>
    public async Task<IReadOnlyList<string>> MonitorAsync(Func<Task> run)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        if (await reader.ReadLineAsync() != "+OK")
        {
            throw new InvalidOperationException("MONITOR refused");
        }

        await run();

        // The marker goes through another connection; once the monitor shows it, everything before it was seen.
        var marker = "monitor-end-" + Guid.NewGuid().ToString("N");
        using (var other = new TcpClient())
        {
            await other.ConnectAsync(IPAddress.Loopback, Port);
            await other.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"ECHO {marker}\r\n"));
            await other.GetStream().ReadAtLeastAsync(new byte[128], 1, throwOnEndOfStream: false);
        }

        var commands = new List<string>();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(bound.Token) is { } line && !line.Contains(marker, StringComparison.Ordinal))
        {
            if (!line.Contains(" lua] ", StringComparison.Ordinal))
            {
                commands.Add(line);
            }
        }

        return commands;
    }

    private async Task SignalAsync(string signal)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("redis-server is not running");
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
