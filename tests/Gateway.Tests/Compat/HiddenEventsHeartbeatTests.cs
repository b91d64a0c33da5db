using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// The keep-alive keys on what the client heard, not on upstream: a thinking model's thoughts stream for a while, a
/// surface that does not show them sends nothing of them, and upstream is never silent for a heartbeat interval
/// (a snapshot every 40 ms, the interval 250 ms). The client must still hear heartbeats during that phase; keyed on
/// upstream silence (as it once was) it heard nothing until the text came.
/// </summary>
public sealed class HiddenEventsHeartbeatTests : IClassFixture<CompatFixture>
{
    private const string LongThinking = "Think it over [sim:thoughts=40] [sim:delay-ms=40]";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string?> Heartbeat = new() { ["Streaming:HeartbeatInterval"] = "00:00:00.250" };

    private readonly CompatFixture _fixture;

    public HiddenEventsHeartbeatTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>Reads the stream; the heartbeats seen before the first event that carries text.</summary>
    private static async Task<int> HeartbeatsBeforeTextAsync(HttpResponseMessage response, Func<SseEvent, bool> isHeartbeat, Func<SseEvent, bool> carriesText)
    {
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        int? before = null;
        var heartbeats = 0;
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            heartbeats += isHeartbeat(item) ? 1 : 0;
            if (before is null && carriesText(item))
            {
                before = heartbeats;
            }
        }

        return before ?? throw new Xunit.Sdk.XunitException("no text arrived");
    }

    [Fact]
    public async Task GeminiApi_ThoughtsHidden_KeepAlivesWhileTheyStream()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, Heartbeat);
        var body = $$"""{"contents":[{"role":"user","parts":[{"text":"{{LongThinking}}"}]}]}""";

        using var response = await gateway.Client.SendAsync(CompatCalls.Post("v1beta/models/gemini-3-flash-thinking:streamGenerateContent?alt=sse", Psid.New(), body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var heartbeats = await HeartbeatsBeforeTextAsync(response, e => e.IsComment && e.Data == "keep-alive", e => !e.IsComment);

        Assert.True(heartbeats >= 2, $"{heartbeats} keep-alive comments while ~1.6 s of hidden thoughts streamed");
    }

    [Fact]
    public async Task ClientLeavesDuringTheHeartbeats_TheUpstreamTurnIsReleased()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, Heartbeat);
        var body = """{"contents":[{"role":"user","parts":[{"text":"Think for ten seconds [sim:thoughts=200] [sim:delay-ms=50]"}]}]}""";

        using (var response = await gateway.Client.SendAsync(CompatCalls.Post("v1beta/models/gemini-3-flash-thinking:streamGenerateContent?alt=sse", Psid.New(), body), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound))
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            var first = await reader.NextAsync().WaitAsync(Bound);
            Assert.True(first is { IsComment: true }, "a heartbeat came first");
        }

        // The answer would go on for ~10 s; the gateway lets go of it as soon as the client is gone.
        await _fixture.Sim.WhenNoOpenGenerateStreamsAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Anthropic_ThinkingOff_PingsWhileTheThoughtsStream()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, Heartbeat);

        using var response = await gateway.Client.SendAsync(AnthropicCalls.Post(Psid.New(), AnthropicCalls.UserMessage(LongThinking, "gemini-3-flash-thinking", stream: true)), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        var pings = await HeartbeatsBeforeTextAsync(response, e => e.Name == "ping", e => e.Name == "content_block_delta");

        // The opening ping follows message_start at once; the rest are heartbeats.
        Assert.True(pings - 1 >= 2, $"{pings - 1} pings after the opening one while ~1.6 s of hidden thoughts streamed");
    }
}
