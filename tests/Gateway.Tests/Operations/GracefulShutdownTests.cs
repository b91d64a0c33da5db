using System.Net;
using System.Net.Sockets;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>
/// SIGTERM to a real gateway process (TestKit GatewayProcess) while streams are open: new connections are
/// refused, a stream that can finish within Shutdown:DrainTimeout ends with <c>done</c>, a stream still open
/// when the drain time runs out ends with an API_ERROR <c>error</c> event, and the process exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_DuringOpenStreams_RefusesNewConnectionsFinishesShortStreamsAndEndsLongOnesWithErrorEvent()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync(simulator.BaseAddress, new Dictionary<string, string>
        {
            ["Shutdown__DrainTimeout"] = "00:00:04",
        });

        // Both streams are held by the simulator after their first event; the short one is released after SIGTERM,
        // the long one never (until the gateway gives up on it at the end of the drain).
        var releaseShort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shortPsid = Psid.New("short");
        var longPsid = Psid.New("long");
        simulator.State.Account(shortPsid).EnqueueGenerateFault(new GenerateFault { BeforeFrame = (n, ct) => n == 0 ? releaseShort.Task.WaitAsync(ct) : Task.CompletedTask });
        simulator.State.Account(longPsid).EnqueueGenerateFault(new GenerateFault { BeforeFrame = (n, ct) => n == 0 ? neverRelease.Task.WaitAsync(ct) : Task.CompletedTask });

        using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = Bound };
        using var shortResponse = await client.SendAsync(ChatCalls.Chat(shortPsid, new { prompt = "short answer", stream = true }), HttpCompletionOption.ResponseHeadersRead);
        using var longResponse = await client.SendAsync(ChatCalls.Chat(longPsid, new { prompt = "long answer", stream = true }), HttpCompletionOption.ResponseHeadersRead);
        using var shortStream = new SseReader(await shortResponse.Content.ReadAsStreamAsync());
        using var longStream = new SseReader(await longResponse.Content.ReadAsStreamAsync());
        Assert.Equal("metadata", (await shortStream.NextAsync().WaitAsync(Bound))?.Name);
        Assert.Equal("metadata", (await longStream.NextAsync().WaitAsync(Bound))?.Name);

        gateway.Terminate();
        await gateway.WaitForOutputAsync(line => line.Contains("Shutting down", StringComparison.Ordinal)).WaitAsync(Bound);
        Assert.True(await IsRefusedSoonAsync(gateway.Address), "a new connection was accepted after SIGTERM");

        releaseShort.TrySetResult();
        var shortEvents = await shortStream.ReadAllEventsAsync().WaitAsync(Bound);
        Assert.Equal("done", shortEvents[^1].Name);
        Assert.DoesNotContain(shortEvents, e => e.Name == "error");

        var longEvents = await longStream.ReadAllEventsAsync().WaitAsync(Bound);
        var error = Assert.Single(longEvents);
        Assert.Equal("error", error.Name);
        Assert.Equal("API_ERROR", error.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("shutting down", error.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        await gateway.WaitForExitAsync().WaitAsync(Bound);
        Assert.Equal(0, gateway.ExitCode);
        neverRelease.TrySetResult();
    }

    /// <summary>
    /// The listener closes right after the shutdown log line; give it a bounded number of short tries rather
    /// than one fixed sleep.
    /// </summary>
    private static async Task<bool> IsRefusedSoonAsync(Uri address)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, address.Port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                // Reset: the attempt raced the listener's close and was dropped from its backlog, never served.
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
