using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>Protocol §5.4.1 (hNvQHb recovery) and §5.4.2 (resends only while nothing of an answer exists), end to end.</summary>
public sealed class StreamRecoveryTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IncompleteStream_WithContext_IsRecoveredThroughHNvQHb(bool stream)
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { IncompleteWithContext = true, HiddenReads = 2 });

        var request = ChatCalls.Chat(psid, new { prompt = "a long thinking answer", stream });
        using var response = await gateway.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("\"error\"", text, StringComparison.Ordinal);
        Assert.Contains("Simulated answer to", text, StringComparison.Ordinal);
        var requests = FidelityCalls.RequestsOf(_simulator, psid);
        Assert.Single(requests, r => r.Path.EndsWith("StreamGenerate", StringComparison.Ordinal));

        // Two reads still showed the old state; the third found the saved turn. Each poll is preceded by ESY5D (§6.4).
        Assert.Equal(3, requests.Count(r => r.RpcIds == "hNvQHb"));
        Assert.True(requests.Count(r => r.RpcIds == "ESY5D") >= 4);
        if (stream)
        {
            using var sse = new SseReader(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
            var events = await sse.ReadAllEventsAsync();
            var deltas = events.Where(e => e.Name == "delta").Select(e => e.Json.GetProperty("text").GetString());
            var done = events.Single(e => e.Name == "done").Json.GetProperty("data").GetProperty("text").GetString();
            Assert.Equal(done, string.Concat(deltas));
        }
    }

    [Fact]
    public async Task Transient1013_BeforeAnything_IsResentOnce()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Recovery:MaxResends", "2"));
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1013 });

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "resend me" });

        Envelope.AssertSuccess(response, body);
        Assert.Equal(2, FidelityCalls.Generates(_simulator, psid).Count);
    }

    [Fact]
    public async Task Transient1013_AfterTheServerAssignedACid_IsNotResent()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Recovery:MaxResends", "2"));
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1013, ErrorAfterMetadata = true });

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "do not duplicate me" });

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Single(FidelityCalls.Generates(_simulator, psid));
    }

    [Fact]
    public async Task Http503_BeforeAnything_IsResentAtMostTwice()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Recovery:MaxResends", "2"));
        var psid = Psid.New();
        var account = _simulator.State.Account(psid);
        for (var i = 0; i < 3; i++)
        {
            account.EnqueueGenerateFault(new GenerateFault { HttpStatus = 503 });
        }

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "keeps failing" });

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Equal(3, FidelityCalls.Generates(_simulator, psid).Count);
    }

    [Fact]
    public async Task QueueingOnly_EndsWithApiErrorNamingTheStatus_AndIsNotResent()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Recovery:MaxResends", "2"));
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { QueueFrames = 2, ErrorCode = 1013 });

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "queued" });

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Single(FidelityCalls.Generates(_simulator, psid));
    }

    [Fact]
    public async Task Error109x_BeforeAnyAnswer_IsGeminiAuthErrorWithTheFirefoxHint()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1097 });

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "pro please" });

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
        Assert.Contains("Firefox", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }
}
