using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>The Anthropic surface's stream: the documented event sequence, thinking blocks, ping heartbeats, errors before and after the start.</summary>
public sealed class AnthropicStreamingTests : IClassFixture<CompatFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly CompatFixture _fixture;

    public AnthropicStreamingTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    [Fact]
    public async Task Stream_SendsTheDocumentedEventsInOrder_EachNamedAfterItsType()
    {
        var (response, events) = await AnthropicCalls.StreamAsync(Client, AnthropicCalls.Post(Psid.New(), AnthropicCalls.UserMessage("Stream please", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));
        var names = events.Select(e => e.Name).Where(n => n != "ping").ToList();
        Assert.Equal("message_start", names[0]);
        Assert.Equal("content_block_start", names[1]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        Assert.All(names[2..^3], n => Assert.Equal("content_block_delta", n));
        Assert.True(names.Count - 5 > 1, "the text arrives in several deltas");
        Assert.Equal("ping", events[1].Name);

        var start = events[0].Json.GetProperty("message");
        Assert.StartsWith("msg_", start.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, start.GetProperty("content").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, start.GetProperty("usage").GetProperty("input_tokens").ValueKind);
        Assert.Equal(JsonValueKind.Null, start.GetProperty("stop_reason").ValueKind);
        var blockStart = events.First(e => e.Name == "content_block_start").Json;
        Assert.Equal(0, blockStart.GetProperty("index").GetInt32());
        Assert.Equal("text", blockStart.GetProperty("content_block").GetProperty("type").GetString());
        var text = string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Json.GetProperty("delta")).Select(d =>
        {
            Assert.Equal("text_delta", d.GetProperty("type").GetString());
            return d.GetProperty("text").GetString();
        }));
        Assert.Contains("Simulated answer to \"Stream please\"", text, StringComparison.Ordinal);
        var delta = events.Single(e => e.Name == "message_delta").Json;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Number, delta.GetProperty("usage").GetProperty("output_tokens").ValueKind);
    }

    [Fact]
    public async Task Stream_WithThinking_SendsAThinkingBlockClosedBySignatureThenTheTextBlock()
    {
        var json = """{"model":"gemini-3-flash-thinking","max_tokens":2048,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Think and stream"}]}""";

        var (_, events) = await AnthropicCalls.StreamAsync(Client, AnthropicCalls.Post(Psid.New(), json));

        var blocks = events.Where(e => e.Name.StartsWith("content_block", StringComparison.Ordinal)).Select(e => e.Json).ToList();
        Assert.Equal("thinking", blocks[0].GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal(0, blocks[0].GetProperty("index").GetInt32());
        var stopThinking = blocks.FindIndex(b => b.GetProperty("type").GetString() == "content_block_stop");
        Assert.Equal("signature_delta", blocks[stopThinking - 1].GetProperty("delta").GetProperty("type").GetString());
        Assert.All(blocks[1..(stopThinking - 1)], b => Assert.Equal("thinking_delta", b.GetProperty("delta").GetProperty("type").GetString()));
        Assert.Equal("text", blocks[stopThinking + 1].GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal(1, blocks[stopThinking + 1].GetProperty("index").GetInt32());
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Fact]
    public async Task Stream_UsageLimitBeforeTheStart_Is429InAnthropicShape()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, AnthropicCalls.UserMessage("hi", stream: true)));

        AnthropicCalls.AssertError(response, body, 429, "rate_limit_error", "USAGE_LIMIT_EXCEEDED");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_FailureAfterTheStart_EndsWithAnErrorEventAndNoMessageStop()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2 });

        var (response, events) = await AnthropicCalls.StreamAsync(Client, AnthropicCalls.Post(psid, AnthropicCalls.UserMessage("hi", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("message_start", events[0].Name);
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal("error", error.Json.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", error.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("USAGE_LIMIT_EXCEEDED", error.Json.GetProperty("error").GetProperty("details").GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Stream_UpstreamSilent_SendsPingEvents()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["Streaming:HeartbeatInterval"] = "00:00:00.100" });
        var psid = Psid.New();
        var heartbeatSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            // Snapshot 1 waits until the client saw a ping after the first text: proof that silence produces pings.
            BeforeFrame = (n, ct) => n == 1 ? heartbeatSeen.Task.WaitAsync(ct) : Task.CompletedTask,
        });

        using var response = await gateway.Client.SendAsync(AnthropicCalls.Post(psid, AnthropicCalls.UserMessage("hi", stream: true)), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var sawText = false;
        var pingsAfterText = 0;
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            Assert.False(item.IsComment, "heartbeats are ping events, not comments");
            sawText |= item.Name == "content_block_delta";
            if (sawText && item.Name == "ping")
            {
                Assert.Equal("ping", item.Json.GetProperty("type").GetString());
                pingsAfterText++;
                heartbeatSeen.TrySetResult();
            }
        }

        Assert.True(pingsAfterText > 0);
    }
}
